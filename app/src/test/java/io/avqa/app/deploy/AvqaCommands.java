package io.avqa.app.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.avqa.app.AvqaCommand;
import io.avqa.schemas.topic.KafkaEndpoint;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a deployment file may ask of the {@code avqa} jar, read from the real picocli model
 * ({@link AvqaCommand#commandLine()}), so a renamed flag or subcommand breaks the compose file's test instead
 * of a container at start-up.
 *
 * <p>Configuration convention: an option {@code --some-option} may also come from the environment variable
 * {@code AVQA_SOME_OPTION} ({@code AVQA_}, upper case, dashes to underscores).
 */
final class AvqaCommands {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /** Read only (subcommands, option specs); each parse gets a fresh command line, as parsing sets fields. */
    private final CommandLine model = AvqaCommand.commandLine();

    /** One resolved invocation: the subcommand it runs and every option value it ends up with. */
    record Invocation(String command, CommandSpec spec, Map<String, String> options, List<String> problems) {
        /** The value of an option as given (flag, else environment), else its declared default, else null. */
        String option(String name) {
            if (options.containsKey(name)) {
                return options.get(name);
            }
            OptionSpec option = spec.findOption(name);
            return option == null ? null : option.defaultValue();
        }

        boolean hasOption(String name) {
            return spec.findOption(name) != null;
        }
    }

    /** The environment key the convention derives from a long option name. */
    static String envKey(String longOption) {
        return "AVQA_" + longOption.substring(2).toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /**
     * The options an {@code AVQA_*} variable can set, by variable name: as ops' {@code LayeredDefaults} reads them,
     * by each option's longest name, except help options and options of argument groups (ingest's repeated
     * {@code --stream-id}/{@code --source} pairs), which are flags only.
     */
    static Map<String, OptionSpec> byEnvironmentKey(CommandSpec spec) {
        Map<String, OptionSpec> byEnv = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            if (option.longestName().startsWith("--") && !option.usageHelp() && !option.versionHelp()
                    && option.group() == null) {
                byEnv.put(envKey(option.longestName()), option);
            }
        }
        return byEnv;
    }

    /**
     * Checks the arguments given to the jar ({@code features --batch-size 8}) together with the environment the
     * process gets: the subcommand path exists, each flag is an option of that subcommand, each {@code AVQA_*}
     * key names one by the convention, and picocli parses the whole (types, arity, required options).
     *
     * @param where names the file and service in each problem
     */
    Invocation check(String where, List<String> args, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        CommandLine command = model;
        int i = 0;
        while (i < args.size() && !args.get(i).startsWith("-") && command.getSubcommands().containsKey(args.get(i))) {
            command = command.getSubcommands().get(args.get(i));
            i++;
        }
        CommandSpec spec = command.getCommandSpec();
        String name = spec.qualifiedName();
        if (i == 0) {
            problems.add(where + ": `" + String.join(" ", args) + "` runs no avqa subcommand (one of "
                    + command.getSubcommands().keySet() + ")");
        } else if (i < args.size() && !args.get(i).startsWith("-") && spec.positionalParameters().isEmpty()) {
            problems.add(where + ": `" + name + "` has no subcommand '" + args.get(i) + "'"
                    + (command.getSubcommands().isEmpty() ? "" : " (one of " + command.getSubcommands().keySet() + ")"));
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int j = i; j < args.size(); j++) {
            String token = args.get(j);
            if (!token.startsWith("-") || NUMBER.matcher(token).matches()) {
                continue;
            }
            String flag = token.contains("=") ? token.substring(0, token.indexOf('=')) : token;
            OptionSpec option = spec.findOption(flag);
            if (option == null) {
                problems.add(where + ": `" + flag + "` is not an option of `" + name + "`");
            } else if (token.contains("=")) {
                options.put(option.longestName(), token.substring(token.indexOf('=') + 1));
            } else if (option.arity().max() > 0 && j + 1 < args.size()) {
                options.put(option.longestName(), args.get(j + 1));
            } else {
                options.put(option.longestName(), "true");
            }
        }
        Map<String, OptionSpec> byEnv = byEnvironmentKey(spec);
        List<String> fromEnv = new ArrayList<>();
        env.forEach((key, value) -> {
            if (!key.startsWith("AVQA_")) {
                return;
            }
            OptionSpec option = byEnv.get(key);
            if (option == null) {
                problems.add(where + ": " + key + " names no option of `" + name + "` (an AVQA_* key is an option "
                        + "name in upper case: one of " + byEnv.keySet() + ")");
                return;
            }
            if (spec.defaultValueProvider() == null && !key.equals(KafkaEndpoint.ENV)) {
                // Only KafkaEndpoint reads its variable itself; the rest arrive through the layered defaults.
                problems.add(where + ": " + key + " would be ignored: `" + name + "` reads no AVQA_* environment "
                        + "(no default value provider); pass " + option.longestName() + " in the command");
                return;
            }
            if (options.containsKey(option.longestName())) {
                return; // a flag beats the environment
            }
            options.put(option.longestName(), value);
            if (option.arity().max() == 0) {
                if (value.equalsIgnoreCase("true")) {
                    fromEnv.add(option.longestName());
                } else if (!value.equalsIgnoreCase("false")) {
                    problems.add(where + ": " + key + "=" + value + " must be true or false (`" + option.longestName()
                            + "` takes no value)");
                }
            } else {
                fromEnv.add(option.longestName());
                fromEnv.add(value);
            }
        });
        if (problems.isEmpty()) {
            List<String> all = new ArrayList<>(args);
            all.addAll(fromEnv);
            try {
                AvqaCommand.commandLine().parseArgs(all.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                problems.add(where + ": `avqa " + String.join(" ", all) + "` does not parse: " + e.getMessage());
            }
        }
        return new Invocation(name, spec, options, problems);
    }
}
