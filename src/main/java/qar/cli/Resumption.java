package qar.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import qar.job.CampaignId;
import qar.model.ModelParameters;

/**
 * A campaign continued from a file: the sample command rebuilt from its typed identity (never
 * from command-line words), and the check that the campaign options typed next to
 * {@code --resume} agree with it, by value.
 */
final class Resumption {
    private Resumption() {
    }

    /** The sample command of a campaign, its run options at their defaults. */
    static SampleCommand rebuild(CampaignId id) {
        SampleCommand c = new SampleCommand();
        c.fixed = id;
        c.campaign.time = DecimalArg.of(id.time());
        c.campaign.replicas = IntegerArg.of(id.replicas());
        c.campaign.seed = IntegerArg.of(id.seed());
        c.engine = id.engine();
        c.finite.windows = new ArrayList<>(id.windows().stream().map(DecimalArg::of).toList());
        c.finite.wtd = new ArrayList<>(id.wtd());
        c.finite.wtdPoints = IntegerArg.of(id.wtdPoints());
        c.ft = id.ft();
        c.analyses = new ArrayList<>(id.analyses());
        return c;
    }

    /**
     * --resume FILE: the campaign saved in FILE, continued with this invocation's run options.
     * Campaign options given here must agree with the saved ones by value, each naming itself if
     * not. FILE is locked first, so that one process at a time continues it.
     */
    static int resume(SampleCommand cmd, PrintStream stdout, PrintStream err) throws IOException,
            InterruptedException {
        String resume = cmd.resume;
        String shard = cmd.shard;
        Checkpoint.requireFile("--resume", Path.of(resume));
        try (Checkpoint.Lock lock = Checkpoint.lock("--resume", Path.of(resume))) {
            Checkpoint ck = Checkpoint.read("--resume", Path.of(resume));
            String differs = disagreement(cmd, ck.identity());
            if (differs != null) {
                throw UsageException.of("--resume", resume, "is a checkpoint of another campaign: " + differs);
            }
            String savedShard = ck.shards() > 1 ? ck.shard() + "/" + ck.shards() : null;
            if (shard != null && !shard.equals(savedShard) && !(savedShard == null && shard.equals("1/1"))) {
                throw UsageException.of("--resume", resume, "is a checkpoint of " + (savedShard == null
                        ? "a whole campaign" : "shard " + savedShard) + ", not of --shard " + shard);
            }
            SampleCommand continued = rebuild(ck.identity());
            continued.shard = savedShard;
            continued.campaign.threads = cmd.campaign.threads;
            continued.checkpointEvery = cmd.checkpointEvery;
            continued.resume = resume;
            continued.out = cmd.out;
            continued.checkpoint = cmd.checkpoint;
            continued.campaign.quiet = cmd.campaign.quiet;
            continued.output.json = cmd.output.json;
            continued.resumed = ck;
            return continued.run(stdout, err);
        }
    }

    /**
     * Refuses a checkpoint whose state is not one of {@code identity}'s shard {@code in}, or whose
     * rows were kept otherwise than this run ({@code out}: with an output folder) would keep them.
     */
    static void check(Checkpoint resumed, String resume, qar.job.SampleJob job, CampaignId identity, qar.job.ShardIndex in,
            boolean out) {
        String problem = job.stateProblem(resumed.state(), in.index(), in.count());
        if (problem != null || !identity.equals(resumed.identity())) {
            throw UsageException.of("--resume", resume, "holds a state that is not one of its campaign's ("
                    + (problem != null ? problem : "another campaign") + ")");
        }
        if (out && resumed.state().rowsPosition() < 0) {
            throw UsageException.of("--resume", resume, "was saved without --out, so the finished replicas'"
                    + " rows are not kept: resume without --out");
        }
        if (!out && resumed.state().rowsPosition() >= 0) {
            // without --out the run would end with the rows nowhere, and remove them with the checkpoint
            throw UsageException.of("--resume", resume, "was saved with --out: its finished replicas' rows are"
                    + " in " + Checkpoint.rows(Path.of(resume)) + "; resume with --out DIR to make replicas.csv");
        }
    }

    /**
     * FILE.rows of a checkpointed run with --out: fresh, or cut back to what the resumed checkpoint
     * counted; resumed from A into --checkpoint B, A's rows are copied to B's (A stays whole until
     * the run completes).
     */
    static ReplicaCsv keptRows(Path ckFile, List<String> names, Checkpoint resumed, String resume)
            throws IOException {
        try {
            if (resumed != null && !SampleCommand.samePath(ckFile.toString(), resume)) {
                Path from = Checkpoint.rows(Path.of(resume));
                if (!java.nio.file.Files.isRegularFile(from)) {
                    throw new IOException(from + " is missing");
                }
                java.nio.file.Files.copy(from, Checkpoint.rows(ckFile), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return ReplicaCsv.durable(Checkpoint.rows(ckFile), names, resumed != null ? resumed.state().rowsPosition()
                    : -1, resumed != null ? resumed.rows() : null);
        } catch (IOException e) {
            if (resumed == null) {
                throw e;
            }
            throw UsageException.of("--resume", resume, "cannot be continued with --out: " + e.getMessage());
        }
    }

    /**
     * Null if every campaign option given on {@code cmd}'s command line has the saved value, else
     * the first that does not, as "--time is 200 there but 100 here".
     */
    static String disagreement(SampleCommand cmd, CampaignId saved) {
        java.util.Set<String> given = cmd.given;
        if (given.contains("--seed") && cmd.campaign.seed.value() != saved.seed()) {
            return differs("--seed", Long.toString(saved.seed()), cmd.campaign.seed.text());
        }
        if (given.contains("--time") && Double.compare(cmd.campaign.time.value(), saved.time()) != 0) {
            return differs("--time", CampaignFile.shown(saved.time()), cmd.campaign.time.text());
        }
        if (given.contains("--replicas") && cmd.campaign.replicas.value() != saved.replicas()) {
            return differs("--replicas", Long.toString(saved.replicas()), cmd.campaign.replicas.text());
        }
        if (given.contains("--engine") && !cmd.engine.equals(saved.engine())) {
            return differs("--engine", saved.engine(), cmd.engine);
        }
        List<Double> windows = cmd.finite.windows.stream().map(DecimalArg::value).toList();
        if (given.contains("--window") && !windows.equals(saved.windows())) {
            return differs("--window", CampaignFile.windows(saved.windows()), CampaignFile.windows(windows));
        }
        if (given.contains("--wtd") && !cmd.finite.wtd.equals(saved.wtd())) {
            return differs("--wtd", saved.wtd().isEmpty() ? "absent" : String.join(" ", saved.wtd()),
                    String.join(" ", cmd.finite.wtd));
        }
        if (given.contains("--wtd-points") && cmd.finite.wtdPoints.value() != saved.wtdPoints()) {
            return differs("--wtd-points", Integer.toString(saved.wtdPoints()), cmd.finite.wtdPoints.text());
        }
        if (given.contains("--ft") && !saved.ft()) {
            return differs("--ft", "absent", "given");
        }
        if (given.contains("--analysis") && !cmd.analyses.equals(saved.analyses())) {
            return differs("--analysis", CampaignFile.analyses(saved.analyses()), String.join(" ", cmd.analyses));
        }
        return modelDisagreement(cmd, saved);
    }

    private static String modelDisagreement(SampleCommand cmd, CampaignId saved) {
        java.util.Set<String> given = cmd.given;
        ModelOptions m = cmd.model;
        if (saved.model() instanceof CampaignId.ProcessFile f) {
            for (String option : given) {
                if (isModelOption(option) && !option.equals(ModelOptions.PROCESS)) {
                    return differs(option, "absent (the model is the process file " + f.source() + ")", "given");
                }
            }
            if (given.contains(ModelOptions.PROCESS)) {
                m.spec();
                CampaignId.ProcessFile here = new CampaignId.ProcessFile(m.process, m.processContent());
                if (!here.equals(f)) {
                    return ModelOptions.PROCESS + " " + m.process + " is not the file the campaign ran (" + f.source()
                            + " as it was read then): the content differs";
                }
            }
            return null;
        }
        ModelParameters p = ((CampaignId.Refrigerator) saved.model()).parameters();
        if (given.contains(ModelOptions.PROCESS)) {
            return differs(ModelOptions.PROCESS, "absent (the model is the refrigerator)", m.process);
        }
        if (given.contains("--model") && m.kind() != p.kind()) {
            return differs("--model", p.kind().label(), m.model);
        }
        if (given.contains("--spectral") && !m.spectral.equalsIgnoreCase(p.cold().spectral().shape().label())) {
            return differs("--spectral", p.cold().spectral().shape().label(), m.spectral);
        }
        if (given.contains("--cutoff") && p.cold().spectral().shape() == qar.model.Spectral.Shape.OHMIC
                && Double.compare(m.cutoff.value(), p.cold().spectral().cutoff()) != 0) {
            return differs("--cutoff", CampaignFile.shown(p.cold().spectral().cutoff()), m.cutoff.text());
        }
        qar.model.ParameterValues here = m.values();
        qar.model.ParameterValues there = qar.model.ParameterValues.of(p);
        for (String name : qar.model.ParameterValues.NAMES) {
            String option = ModelOptions.option(name);
            if (given.contains(option) && Double.compare(here.get(name), there.get(name)) != 0) {
                return differs(option, CampaignFile.shown(there.get(name)), CampaignFile.shown(here.get(name)));
            }
        }
        return null;
    }

    private static boolean isModelOption(String option) {
        for (java.lang.reflect.Field f : ModelOptions.class.getDeclaredFields()) {
            com.beust.jcommander.Parameter p = f.getAnnotation(com.beust.jcommander.Parameter.class);
            if (p != null && p.names()[0].equals(option)) {
                return true;
            }
        }
        return false;
    }

    private static String differs(String option, String there, String here) {
        return option + " is " + there + " there but " + here + " here";
    }
}
