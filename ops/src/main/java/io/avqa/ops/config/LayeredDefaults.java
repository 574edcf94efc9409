package io.avqa.ops.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The layers under every service flag: annotation default &lt; configuration file &lt; environment variable
 * &lt; the flag itself (picocli applies this provider's value unless the flag is given).
 *
 * <p>Naming is fixed (deployments rely on it): option {@code --bootstrap-servers} is key
 * {@code bootstrap-servers} in the file and {@code AVQA_BOOTSTRAP_SERVERS} in the environment. The file is the
 * one named by {@code --config FILE} on the command line, else by {@code AVQA_CONFIG}; it must be known before
 * parsing (the provider is asked before the flags are read), so {@link #install} scans the arguments for it.
 *
 * <p>Options in argument groups (e.g. ingest's repeated {@code --stream-id}/{@code --source} pairs) and the
 * standard help options are flags only. A {@link Secret} option found in the file is an error: secrets come from
 * the environment or a file of their own.
 */
public final class LayeredDefaults implements IDefaultValueProvider {
    public static final String ENV_PREFIX = "AVQA_";
    public static final String CONFIG_OPTION = "--config";
    public static final String CONFIG_ENV = "AVQA_CONFIG";

    private final Function<String, String> env;
    private final java.util.function.Supplier<ConfigFile> fileSource;
    private ConfigFile file;
    private final Map<ArgSpec, ValueSource> sources = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * Environment only, plus the file named by {@code AVQA_CONFIG}; what {@code @Command(defaultValueProvider)}
     * gets. The file is read when a value is first asked for, so a bad {@code AVQA_CONFIG} fails the service that
     * uses it, not the construction of every command.
     */
    public LayeredDefaults() {
        this.env = System::getenv;
        this.fileSource = () -> fileFromEnv(System::getenv);
    }

    /**
     * @param env  environment lookup ({@code System::getenv}; tests pass a map's {@code get})
     * @param file the configuration file, or {@link ConfigFile#none()}
     */
    public LayeredDefaults(Function<String, String> env, ConfigFile file) {
        this.env = Objects.requireNonNull(env, "env");
        this.file = Objects.requireNonNull(file, "file");
        this.fileSource = () -> file;
    }

    /**
     * Installs the layers on a command line and all its subcommands, with the file named by {@code --config} in
     * {@code args} (or by {@code AVQA_CONFIG}).
     *
     * @return the provider, which can tell where each value came from ({@link #sourceOf})
     */
    public static LayeredDefaults install(CommandLine commandLine, String[] args, Function<String, String> env) {
        Path path = configPath(args, env);
        LayeredDefaults layers = new LayeredDefaults(env, path == null ? ConfigFile.none() : ConfigFile.load(path));
        commandLine.setDefaultValueProvider(layers);
        return layers;
    }

    /** {@link #install(CommandLine, String[], Function)} with the process environment. */
    public static LayeredDefaults install(CommandLine commandLine, String[] args) {
        return install(commandLine, args, System::getenv);
    }

    /** The file named by {@code --config FILE} or {@code --config=FILE} in args, else by {@code AVQA_CONFIG}; or null. */
    static Path configPath(String[] args, Function<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals(CONFIG_OPTION) && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith(CONFIG_OPTION + "=")) {
                return Path.of(args[i].substring(CONFIG_OPTION.length() + 1));
            }
        }
        return fileFromEnvPath(env);
    }

    private static ConfigFile fileFromEnv(Function<String, String> env) {
        Path p = fileFromEnvPath(env);
        return p == null ? ConfigFile.none() : ConfigFile.load(p);
    }

    private static Path fileFromEnvPath(Function<String, String> env) {
        String fromEnv = env.apply(CONFIG_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        String key = key(arg);
        if (key == null) {
            return null;
        }
        String fromEnv = env.apply(envName(key));
        if (fromEnv != null) {
            sources.put(arg, ValueSource.ENV);
            return fromEnv;
        }
        String fromFile = file().get(key);
        if (fromFile != null) {
            if (isSecret(arg)) {
                throw new CommandLine.ParameterException(arg.command().commandLine(), "configuration file "
                        + file().path() + " sets secret '" + key + "': put it in " + envName(key)
                        + " (or a file the service reads) instead of a plain configuration file");
            }
            sources.put(arg, ValueSource.FILE);
            return fromFile;
        }
        sources.put(arg, ValueSource.DEFAULT);
        return null;
    }

    /** Where this provider took an option's default from (DEFAULT when it was never asked). */
    public ValueSource sourceOf(ArgSpec arg) {
        return sources.getOrDefault(arg, ValueSource.DEFAULT);
    }

    /** The configuration file (empty when none was named). */
    public synchronized ConfigFile file() {
        if (file == null) {
            file = fileSource.get();
        }
        return file;
    }

    /** The file key of an option ({@code bootstrap-servers}), or null for options that are flags only. */
    public static String key(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o) || o.usageHelp() || o.versionHelp() || o.group() != null) {
            return null;
        }
        String name = o.longestName();
        return name.startsWith("--") ? name.substring(2) : null;
    }

    /** {@code bootstrap-servers} becomes {@code AVQA_BOOTSTRAP_SERVERS}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** Whether the option's field or setter carries {@link Secret}. */
    public static boolean isSecret(ArgSpec arg) {
        return arg.userObject() instanceof java.lang.reflect.AnnotatedElement e && e.isAnnotationPresent(Secret.class);
    }
}
