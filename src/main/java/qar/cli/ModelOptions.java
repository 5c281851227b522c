package qar.cli;

import com.beust.jcommander.Parameter;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Locale;
import java.util.StringJoiner;
import qar.model.Bath;
import qar.model.InvalidParameterException;
import qar.model.JumpProcess;
import qar.model.ModelKind;
import qar.model.ModelParameters;
import qar.model.ModelSpec;
import qar.model.NamedProcess;
import qar.model.Refrigerator;
import qar.model.Spectral;

/**
 * The model options shared by every command: the refrigerator's parameters (defaults: the paper's
 * Fig. 2 with N = 31), or {@code --process FILE}, a rate equation read from a file instead.
 */
public final class ModelOptions {
    private static final ModelParameters D = ModelParameters.defaults();

    @Parameter(names = "--model", description = "full | reduced (the three-level model of App. G)", order = 0)
    String model = D.kind().label();

    @Parameter(names = "--N", description = "number of spins (full: >= 2, even N the sector m = 0..N/2 of App. A.2; reduced: odd, >= 5)", order = 1)
    IntegerArg n = IntegerArg.of(D.n());

    @Parameter(names = "--omega", description = "energy scale Omega of H = Omega Jz^2", order = 2)
    DecimalArg omega = DecimalArg.of(D.omega());

    @Parameter(names = "--beta-c", description = "inverse temperature of the cold reservoir", order = 3)
    DecimalArg betaC = DecimalArg.of(D.cold().beta());
    @Parameter(names = "--beta-h", description = "inverse temperature of the hot reservoir", order = 4)
    DecimalArg betaH = DecimalArg.of(D.hot().beta());
    @Parameter(names = "--beta-w", description = "inverse temperature of the work reservoir", order = 5)
    DecimalArg betaW = DecimalArg.of(D.work().beta());

    @Parameter(names = "--eps-c", description = "peak of the cold spectral density, eq. (5)", order = 6)
    DecimalArg epsC = DecimalArg.of(D.cold().eps());
    @Parameter(names = "--eps-h", description = "peak of the hot spectral density", order = 7)
    DecimalArg epsH = DecimalArg.of(D.hot().eps());
    @Parameter(names = "--eps-w", description = "peak of the work spectral density", order = 8)
    DecimalArg epsW = DecimalArg.of(D.work().eps());

    @Parameter(names = "--delta-c", description = "width of the cold spectral density", order = 9)
    DecimalArg deltaC = DecimalArg.of(D.cold().delta());
    @Parameter(names = "--delta-h", description = "width of the hot spectral density", order = 10)
    DecimalArg deltaH = DecimalArg.of(D.hot().delta());
    @Parameter(names = "--delta-w", description = "width of the work spectral density", order = 11)
    DecimalArg deltaW = DecimalArg.of(D.work().delta());

    @Parameter(names = "--gamma-c", description = "height Gbar of the cold spectral density", order = 12)
    DecimalArg gammaC = DecimalArg.of(D.cold().gamma());
    @Parameter(names = "--gamma-h", description = "height Gbar of the hot spectral density", order = 13)
    DecimalArg gammaH = DecimalArg.of(D.hot().gamma());
    @Parameter(names = "--gamma-w", description = "height Gbar of the work spectral density", order = 14)
    DecimalArg gammaW = DecimalArg.of(D.work().gamma());

    @Parameter(names = "--spectral", description = "spectral density of every reservoir: lorentzian (eq. (5): eps,"
            + " delta, Gbar) or ohmic (App. C: Gbar w exp(-w / w_c), eps and delta unused; full model only)", order = 15)
    String spectral = Spectral.Shape.LORENTZIAN.label();

    @Parameter(names = "--cutoff", description = "cutoff w_c of the ohmic density (Fig. 7: 100)", order = 16)
    DecimalArg cutoff = DecimalArg.of(Spectral.FIG7_CUTOFF);

    static final String PROCESS = "--process";

    @Parameter(names = PROCESS, description = "a rate equation from a JSON file (levels, reservoirs, channels;"
            + " src/site/markdown/usage.md, 'Models from a file') instead of the refrigerator and its options", order = 17)
    String process;

    /**
     * Refuses {@code --process} next to any refrigerator option, naming both: the file gives the
     * whole model.
     *
     * @param given the options given on the command line, by their names
     */
    static void exclusive(Collection<String> given) {
        if (!given.contains(PROCESS)) {
            return;
        }
        for (Field f : ModelOptions.class.getDeclaredFields()) {
            Parameter option = f.getAnnotation(Parameter.class);
            if (option != null && !option.names()[0].equals(PROCESS) && given.contains(option.names()[0])) {
                throw new UsageException(PROCESS + " cannot be combined with " + option.names()[0]
                        + ": the file gives the whole model (levels, rates and temperatures), the refrigerator's"
                        + " options do not apply");
            }
        }
    }

    /**
     * The model: the refrigerator's parameters, or the process of the {@code --process} file.
     *
     * @throws UsageException naming the option of the first invalid parameter, with the text typed, or
     *         the file, the JSON location and the value of the first defect in it
     */
    public ModelSpec spec() {
        if (process == null) {
            return toParameters();
        }
        ProcessFile.Read read = ProcessFile.readWithContent(PROCESS, process);
        processContent = read.content();
        return read.process();
    }

    /** The JSON of the --process file as {@link #spec()} last read it (a campaign's identity embeds it). */
    com.fasterxml.jackson.databind.JsonNode processContent() {
        return processContent;
    }

    private com.fasterxml.jackson.databind.JsonNode processContent;

    /**
     * The rate equation of a model from {@link #spec()}.
     *
     * @throws UsageException where a rate of the refrigerator is beyond the doubles, naming the
     *         options that drove it there
     */
    public JumpProcess process(ModelSpec spec) {
        if (spec instanceof NamedProcess file) {
            return file.process();
        }
        try {
            return Refrigerator.process((ModelParameters) spec);
        } catch (InvalidParameterException e) {
            throw refused(e);
        }
    }

    /** @throws UsageException naming the option of the first invalid parameter, with the text typed */
    public ModelParameters toParameters() {
        try {
            ModelKind kind = kind(model);
            Spectral density = spectral();
            return new ModelParameters(kind, n.saturated(), omega.value(),
                    new Bath(betaC.value(), epsC.value(), deltaC.value(), gammaC.value(), density),
                    new Bath(betaH.value(), epsH.value(), deltaH.value(), gammaH.value(), density),
                    new Bath(betaW.value(), epsW.value(), deltaW.value(), gammaW.value(), density));
        } catch (InvalidParameterException e) {
            throw refused(e);
        }
    }

    private UsageException refused(InvalidParameterException e) {
        StringJoiner named = new StringJoiner(", ");
        for (String parameter : e.parameters()) {
            named.add(option(parameter) + " = " + typed(parameter));
        }
        return new UsageException(named + ": " + e.allowed());
    }

    /** The refrigerator's kind, full or reduced. */
    ModelKind kind() {
        return kind(model);
    }

    /** Every numeric parameter's value as given (or its default). */
    qar.model.ParameterValues values() {
        return qar.model.ParameterValues.of(name -> typed(name) instanceof IntegerArg i
                ? i.value() : ((DecimalArg) typed(name)).value());
    }

    /** What the user typed for a parameter named as in the JSON schema (or its default). */
    private Object typed(String parameter) {
        return switch (parameter) {
            case "model" -> model;
            case "N" -> n;
            case "omega" -> omega;
            case "betaC" -> betaC;
            case "betaH" -> betaH;
            case "betaW" -> betaW;
            case "epsC" -> epsC;
            case "epsH" -> epsH;
            case "epsW" -> epsW;
            case "deltaC" -> deltaC;
            case "deltaH" -> deltaH;
            case "deltaW" -> deltaW;
            case "gammaC" -> gammaC;
            case "gammaH" -> gammaH;
            case "gammaW" -> gammaW;
            case "spectral" -> spectral;
            case "cutoff" -> cutoff;
            default -> throw new IllegalArgumentException("no option sets " + parameter);
        };
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

    /**
     * The spectral density of {@code --spectral} and {@code --cutoff}.
     *
     * @throws UsageException for an unknown name
     * @throws InvalidParameterException for a cutoff that is not finite and > 0
     */
    Spectral spectral() {
        for (Spectral.Shape s : Spectral.Shape.values()) {
            if (s.label().equals(spectral.toLowerCase(Locale.ROOT))) {
                return s == Spectral.Shape.OHMIC ? Spectral.ohmic(cutoff.value()) : Spectral.lorentzian();
            }
        }
        throw UsageException.of("--spectral", UsageException.shown(spectral), "must be lorentzian or ohmic");
    }

    private static ModelKind kind(String value) {
        for (ModelKind k : ModelKind.values()) {
            if (k.label().equals(value.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw UsageException.of("--model", UsageException.shown(value), "must be full or reduced");
    }
}
