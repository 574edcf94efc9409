package io.avqa.ops.config;

import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option every service declares (as a {@code @Mixin}). Its value is read by
 * {@link LayeredDefaults#install} before parsing; declaring it here makes picocli accept it and lists it in
 * {@code --help}.
 */
public final class ConfigOption {
    @Option(names = LayeredDefaults.CONFIG_OPTION, paramLabel = "FILE",
            description = "Configuration file (.properties, or .yml/.yaml): keys are the long option names without "
                    + "dashes; values there are overridden by AVQA_* environment variables and by flags.")
    Path config;

    public Path path() {
        return config;
    }

    /**
     * Fails when {@code --config} was given but its file was not read (the launcher parsed without
     * {@link LayeredDefaults#install}): silently ignoring a configuration file would be worse.
     */
    public void requireLoaded(CommandSpec spec) {
        if (config == null) {
            return;
        }
        IDefaultValueProvider provider = spec.defaultValueProvider();
        Path loaded = provider instanceof LayeredDefaults layers ? layers.file().path() : null;
        if (loaded == null || !loaded.toAbsolutePath().normalize().equals(config.toAbsolutePath().normalize())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config " + config + " was not read: the "
                    + "launcher must call LayeredDefaults.install(commandLine, args) before parsing; meanwhile set "
                    + LayeredDefaults.CONFIG_ENV + "=" + config);
        }
    }
}
