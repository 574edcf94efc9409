package io.avqa.reasoner.train;

import java.util.List;

import io.avqa.reasoner.model.ModelCard;

/**
 * Outcome of {@link SaSRTrainer#train}.
 *
 * @param card      the saved best checkpoint's card
 * @param bestEpoch epoch of the saved checkpoint
 * @param history   every epoch
 */
public record TrainingResult(ModelCard card, int bestEpoch, List<EpochStats> history) {
}
