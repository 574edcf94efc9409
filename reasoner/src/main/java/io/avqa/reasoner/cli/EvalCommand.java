package io.avqa.reasoner.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.avqa.reasoner.engine.MatmulPrecision;
import io.avqa.reasoner.model.SaSRModel;
import io.avqa.reasoner.train.AccuracyTable;
import io.avqa.reasoner.train.EvalReport;
import io.avqa.reasoner.train.Evaluator;
import io.avqa.reasoner.train.QuestionOnlyBaseline;
import io.avqa.reasoner.train.QuestionPrediction;
import io.avqa.reasoner.train.SplitData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avqa eval}: accuracy of a saved model on one split, per question type in the layout of the paper's
 * Table 1, beside the question-only baseline (majority answer per template, fitted on the train split).
 * Prints the table and writes {@code eval-<split>.json} (with per-question predictions) and
 * {@code eval-<split>.html} (table and bar chart) to --report (default: the model directory).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a saved SaSR-Net model on a dataset split (per-type accuracy as the paper's Table 1, "
                + "with the question-only baseline).",
            "Refuses a model trained on features of another backbone (feats/backbone.json)."})
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model directory (model.json + weights).")
    Path model;

    @Option(names = "--dataset", required = true, description = "Dataset directory.")
    Path dataset;

    @Option(names = "--split", defaultValue = "test", description = "train, val or test. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--report", description = "Directory for eval-<split>.json/.html. Default: the model directory.")
    Path report;

    @Option(names = "--batch", defaultValue = "8", description = "Clips per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch CPU threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--matmul-precision", paramLabel = "fp32|bf16", defaultValue = "fp32",
            converter = PrecisionConverter.class, description = MatmulPrecision.HELP)
    MatmulPrecision matmulPrecision;

    @Override
    public Integer call() throws Exception {
        Threads.configure(threads);
        System.out.println(matmulPrecision.applyAndDescribe());
        Result r = evaluate(model, dataset, split, batch);
        System.out.print(AccuracyTable.format(r.rows()));
        Path dir = report == null ? model : report;
        EvalReport.write(dir, split, r.modelId(), r.rows(), r.predictions());
        System.out.println("report: " + dir.resolve("eval-" + split + ".html"));
        return 0;
    }

    /**
     * The evaluation as a library call (used by tests and by the replay comparison).
     *
     * @return table rows "SaSR-Net" and "question-only", and the model's per-question predictions
     */
    public static Result evaluate(Path modelDir, Path dataset, String split, int batchClips) throws Exception {
        SplitData data = SplitData.open(dataset, split);
        String backbone = data.layout().backboneId().orElse("unknown");
        try (SaSRModel m = SaSRModel.load(modelDir, backbone)) {
            List<QuestionPrediction> predictions = Evaluator.predict(m, data, batchClips);
            QuestionOnlyBaseline baseline = QuestionOnlyBaseline.fit(SplitData.open(dataset, "train").questions());
            Map<String, Map<String, AccuracyTable.Cell>> rows = new LinkedHashMap<>();
            rows.put("SaSR-Net (" + m.card().preset() + ")", AccuracyTable.row(predictions));
            rows.put("question-only", AccuracyTable.row(baseline.predict(data.questions())));
            return new Result(m.card().modelId(), rows, predictions);
        }
    }

    /**
     * @param modelId     evaluated model
     * @param rows        named table rows
     * @param predictions per-question predictions of the model
     */
    public record Result(String modelId, Map<String, Map<String, AccuracyTable.Cell>> rows,
            List<QuestionPrediction> predictions) {
    }
}
