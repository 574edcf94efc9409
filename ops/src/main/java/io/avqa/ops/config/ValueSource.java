package io.avqa.ops.config;

/** Where an option's effective value came from, lowest precedence first. */
public enum ValueSource {
    /** the {@code defaultValue} of the option's annotation (or none) */
    DEFAULT,
    /** the configuration file given by {@code --config} or {@code AVQA_CONFIG} */
    FILE,
    /** the option's environment variable, {@code AVQA_<LONG_NAME>} */
    ENV,
    /** the flag on the command line */
    FLAG;

    /** The lower-case name used in the startup line and the docs. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
