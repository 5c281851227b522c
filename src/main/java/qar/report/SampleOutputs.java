package qar.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qar.estimate.ReplicaMoments;
import qar.job.SampleJob;
import qar.model.JumpProcess;
import qar.model.ModelSpec;
import qar.model.Reservoir;
import qar.sample.Campaign;

/**
 * Every output of a sampled campaign, rendered in one place: the summary JSON, the terminal table
 * and the CSV files of an output folder. {@code qar sample} (whole, resumed or interrupted), {@code
 * qar merge} and the shard identity test all render through it, so no output can escape that test.
 *
 * @param json  the summary JSON, without the list of files (which the caller knows)
 * @param table the terminal table
 * @param files the CSV files by name, in the order they are listed; empty without an output folder
 */
public record SampleOutputs(ObjectNode json, String table, Map<String, String> files) {
    public SampleOutputs {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * The summary of a campaign's result.
     *
     * @param threads   the threads it ran on
     * @param requested the replicas asked for (more than ran where it was stopped)
     * @param note      why the engine was chosen, or null
     */
    public static SampleReport.Summary summary(ModelSpec model, long seed, SampleJob job, SampleJob.Result result,
            int threads, long requested, String note) {
        Campaign.Result run = result.campaign();
        List<String> names = names(job.process());
        ReplicaMoments all = ReplicaMoments.create(names.size());
        run.moments().forEach(all::combine);
        return new SampleReport.Summary(model, seed, job.time(), run.replicas(), run.groups().size(), threads, names,
                result.comparison().comparisons(), all.jumps(), run.jumps(), run.wallSeconds(), job.engine().name(),
                run.steps(), run.partial(), requested, note);
    }

    /**
     * Renders {@code result} of {@code job} under {@code summary}; {@code files}: with the CSV files of
     * an output folder.
     */
    public static SampleOutputs of(SampleReport.Summary summary, SampleJob job, SampleJob.Result result,
            boolean files) {
        Map<String, String> csv = new LinkedHashMap<>();
        if (files) {
            result.all().forEach(a -> csv.putAll(a.files()));
        }
        ObjectNode json = SampleReport.json(summary);
        StringBuilder table = new StringBuilder(SampleReport.table(summary));
        for (qar.job.Analysis.Result a : result.all()) {
            a.json(json);
            table.append(a.table());
        }
        return new SampleOutputs(json, table.toString(), csv);
    }

    private static List<String> names(JumpProcess process) {
        return process.reservoirs().stream().map(Reservoir::name).toList();
    }
}
