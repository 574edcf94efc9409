package io.avqa.features.service;

import ai.djl.Device;
import io.avqa.features.extract.FeatureExtractor;
import io.avqa.features.weights.SeededBackbone;
import io.avqa.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A features worker in a JVM of its own, for tests that kill it: args bootstrap servers, topic prefix, group.
 * Prints "assigned N" (its partition count) every 200 ms until the process ends.
 */
public final class FeaturesWorkerProcess {
    private FeaturesWorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        FeaturesConfig config = FeaturesConfig.defaults(args[0], Topics.withPrefix(args[1])).withBatch(4, 50)
                .withMode(Mode.REPLAY, 0).withGroup(args[2]);
        try (FeatureExtractor extractor = FeatureExtractor.create(SeededBackbone.V1, Device.cpu());
                FeaturesService service = new FeaturesService(config, extractor, new SimpleMeterRegistry())) {
            Thread loop = new Thread(service, "features-worker-process");
            loop.setDaemon(true);
            loop.start();
            while (loop.isAlive()) {
                System.out.println("assigned " + service.assignedPartitions().size());
                System.out.flush();
                Thread.sleep(200);
            }
        }
    }
}
