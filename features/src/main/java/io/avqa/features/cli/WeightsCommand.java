package io.avqa.features.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code avqa features weights}: tools for backbone weight directories (the {@code --weights DIR} of the feature
 * stage and of offline extraction). Today one: {@code import}, from the official PyTorch {@code .pth} files.
 */
@Command(name = "weights", mixinStandardHelpOptions = true, subcommands = ImportWeightsCommand.class,
        description = "Backbone weight directories for --weights: `import` turns the official PyTorch .pth files "
                + "of torchvision ResNet-18 and torchvggish VGGish into one, without Python.")
public final class WeightsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: import");
    }
}
