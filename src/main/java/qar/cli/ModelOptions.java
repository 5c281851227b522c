package qar.cli;

import com.beust.jcommander.Parameter;
import java.util.Locale;
import qar.model.Bath;
import qar.model.InvalidParameterException;
import qar.model.ModelKind;
import qar.model.ModelParameters;

/** The model options shared by every command; defaults are the paper's Fig. 2 with N = 31. */
public final class ModelOptions {
    private static final ModelParameters D = ModelParameters.defaults();

    @Parameter(names = "--model", description = "full | reduced (the three-level model of App. G)", order = 0)
    String model = D.kind().label();

    @Parameter(names = "--N", description = "number of spins, odd (full: >= 3, reduced: >= 5)", order = 1)
    int n = D.n();

    @Parameter(names = "--omega", description = "energy scale Omega of H = Omega Jz^2", order = 2)
    double omega = D.omega();

    @Parameter(names = "--beta-c", description = "inverse temperature of the cold reservoir", order = 3)
    double betaC = D.cold().beta();
    @Parameter(names = "--beta-h", description = "inverse temperature of the hot reservoir", order = 4)
    double betaH = D.hot().beta();
    @Parameter(names = "--beta-w", description = "inverse temperature of the work reservoir", order = 5)
    double betaW = D.work().beta();

    @Parameter(names = "--eps-c", description = "peak of the cold spectral density, eq. (5)", order = 6)
    double epsC = D.cold().eps();
    @Parameter(names = "--eps-h", description = "peak of the hot spectral density", order = 7)
    double epsH = D.hot().eps();
    @Parameter(names = "--eps-w", description = "peak of the work spectral density", order = 8)
    double epsW = D.work().eps();

    @Parameter(names = "--delta-c", description = "width of the cold spectral density", order = 9)
    double deltaC = D.cold().delta();
    @Parameter(names = "--delta-h", description = "width of the hot spectral density", order = 10)
    double deltaH = D.hot().delta();
    @Parameter(names = "--delta-w", description = "width of the work spectral density", order = 11)
    double deltaW = D.work().delta();

    @Parameter(names = "--gamma-c", description = "height Gbar of the cold spectral density", order = 12)
    double gammaC = D.cold().gamma();
    @Parameter(names = "--gamma-h", description = "height Gbar of the hot spectral density", order = 13)
    double gammaH = D.hot().gamma();
    @Parameter(names = "--gamma-w", description = "height Gbar of the work spectral density", order = 14)
    double gammaW = D.work().gamma();

    /** @throws UsageException naming the option of the first invalid parameter */
    public ModelParameters toParameters() {
        try {
            return new ModelParameters(kind(model), n, omega,
                    new Bath(betaC, epsC, deltaC, gammaC),
                    new Bath(betaH, epsH, deltaH, gammaH),
                    new Bath(betaW, epsW, deltaW, gammaW));
        } catch (InvalidParameterException e) {
            throw UsageException.of(option(e.parameter()), e.value(), e.allowed());
        }
    }

    /** The option that sets a parameter named as in the JSON schema: betaC -> --beta-c, N -> --N. */
    static String option(String parameter) {
        if (parameter.equals("N")) {
            return "--N";
        }
        StringBuilder sb = new StringBuilder("--");
        for (char ch : parameter.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('-').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static ModelKind kind(String value) {
        for (ModelKind k : ModelKind.values()) {
            if (k.label().equals(value.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw UsageException.of("--model", value, "must be full or reduced");
    }
}
