package io.avqa.reasoner.text.lexicon;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every way a person names an instrument, mapped to the loaded model's categories: the category itself with
 * spaces for underscores ("acoustic guitar"), plurals, and everyday names ("guitar", "bass", "sax", "drums",
 * "keys", "fiddle", "uke"). A name that fits several of the model's categories ("horn": trumpet or tuba) is
 * {@link Cue#AMBIGUOUS_INSTRUMENT}, never a guess; an instrument the model has no category for ("harp",
 * "electric guitar") is {@link Cue#FOREIGN_INSTRUMENT}, so a question about it is refused rather than read as
 * another. Aliases of a category the model lacks become foreign too. Immutable once built.
 */
public final class InstrumentNames {
    /** Everyday names of the 22 MUSIC-AVQA categories; plurals are added for all of them. */
    private static final Map<String, List<String>> ALIASES = Map.ofEntries(
            Map.entry("accordion", List.of("squeezebox", "piano accordion")),
            Map.entry("acoustic_guitar", List.of("guitar", "acoustic", "classical guitar", "spanish guitar",
                    "folk guitar", "acoustic guitar")),
            Map.entry("bagpipe", List.of("bag pipe", "highland pipes")),
            Map.entry("banjo", List.of()),
            Map.entry("bassoon", List.of("fagott")),
            Map.entry("cello", List.of("violoncello", "celli")),
            Map.entry("clarinet", List.of()),
            Map.entry("congas", List.of("conga", "conga drum", "tumbadora")),
            Map.entry("drum", List.of("drum kit", "drumkit", "drum set", "drumset", "drumms", "trap set",
                    "snare", "snare drum", "kick drum", "drummer")),
            Map.entry("electric_bass", List.of("bass", "bass guitar", "electric bass guitar", "e bass")),
            Map.entry("erhu", List.of("chinese violin", "chinese fiddle", "two stringed fiddle")),
            Map.entry("flute", List.of("transverse flute")),
            Map.entry("guzheng", List.of("zheng", "chinese zither", "zither")),
            Map.entry("piano", List.of("keys", "keyboard", "grand piano", "upright piano", "pianist")),
            Map.entry("pipa", List.of("chinese lute")),
            Map.entry("saxophone", List.of("sax", "alto sax", "tenor sax", "alto saxophone", "tenor saxophone",
                    "saxophonist")),
            Map.entry("suona", List.of("chinese oboe", "chinese horn")),
            Map.entry("trumpet", List.of("trumpeter", "cornet")),
            Map.entry("tuba", List.of("sousaphone")),
            Map.entry("ukulele", List.of("uke", "ukelele")),
            Map.entry("violin", List.of("fiddle", "violinist")),
            Map.entry("xylophone", List.of("xylo")));

    /** Names that fit several categories: answered with a question back, never a guess. */
    private static final Map<String, List<String>> AMBIGUOUS = Map.of(
            "horn", List.of("trumpet", "tuba", "suona"),
            "brass", List.of("trumpet", "tuba"),
            "percussion", List.of("drum", "congas", "xylophone"),
            "strings", List.of("violin", "cello", "erhu"),
            "string", List.of("violin", "cello", "erhu"),
            "woodwind", List.of("flute", "clarinet", "bassoon", "saxophone"),
            "pipe", List.of("bagpipe", "flute"),
            "pipes", List.of("bagpipe", "flute"));

    /** Instruments and sources outside MUSIC-AVQA's 22 categories that people ask about. */
    private static final List<String> FOREIGN = List.of("harp", "oboe", "mandolin", "organ", "sitar", "trombone",
            "harmonica", "electric guitar", "viola", "double bass", "upright bass", "contrabass", "french horn",
            "synthesizer", "synth", "bongo", "bongos", "tabla", "marimba", "timpani", "tambourine", "cymbal",
            "cymbals", "triangle", "piccolo", "recorder", "ocarina", "lute", "balalaika", "koto", "shamisen",
            "didgeridoo", "kazoo", "vibraphone", "glockenspiel", "cajon", "djembe", "dulcimer", "melodica",
            "singer", "vocals", "vocalist", "choir", "guitarist", "bassist", "singing", "sing", "sings",
            "sang", "song", "audience", "crowd", "people", "person", "dancer", "dancing");

    private final Map<String, Tag> names = new HashMap<>();
    private final int longest;

    private InstrumentNames(Collection<String> categories) {
        Set<String> known = new TreeSet<>(categories);
        for (String c : known) {
            addWithPlurals(c.replace('_', ' '), new Tag(Cue.INSTRUMENT_NAME, c, c));
            addWithPlurals(c, new Tag(Cue.INSTRUMENT_NAME, c, c));
        }
        for (Map.Entry<String, List<String>> e : ALIASES.entrySet()) {
            for (String alias : e.getValue()) {
                Tag t = known.contains(e.getKey()) ? new Tag(Cue.INSTRUMENT_NAME, e.getKey(), alias)
                        : new Tag(Cue.FOREIGN_INSTRUMENT, alias, alias);
                addWithPlurals(alias, t);
            }
            if (!known.contains(e.getKey())) {
                addWithPlurals(e.getKey().replace('_', ' '), new Tag(Cue.FOREIGN_INSTRUMENT, e.getKey(), e.getKey()));
            }
        }
        for (Map.Entry<String, List<String>> e : AMBIGUOUS.entrySet()) {
            List<String> options = e.getValue().stream().filter(known::contains).toList();
            Tag t = switch (options.size()) {
                case 0 -> new Tag(Cue.FOREIGN_INSTRUMENT, e.getKey(), e.getKey());
                case 1 -> new Tag(Cue.INSTRUMENT_NAME, options.get(0), e.getKey());
                default -> new Tag(Cue.AMBIGUOUS_INSTRUMENT, String.join(",", options), e.getKey());
            };
            names.putIfAbsent(e.getKey(), t);
        }
        for (String f : FOREIGN) {
            addWithPlurals(f, new Tag(Cue.FOREIGN_INSTRUMENT, f, f));
        }
        int max = 1;
        for (String n : names.keySet()) {
            max = Math.max(max, n.split(" ").length);
        }
        this.longest = max;
    }

    /** The names for the model's categories (the values of its &lt;Object&gt; slot). */
    public static InstrumentNames of(Collection<String> categories) {
        return new InstrumentNames(categories);
    }

    private void addWithPlurals(String name, Tag tag) {
        String n = name.toLowerCase(Locale.ROOT);
        names.putIfAbsent(n, tag);
        for (String p : plurals(n)) {
            names.putIfAbsent(p, tag);
        }
    }

    /** Plural spellings of the last word: +s, +es, y to ies, and the "-o"/"-a" forms people write. */
    static List<String> plurals(String name) {
        int cut = name.lastIndexOf(' ') + 1;
        String head = name.substring(0, cut);
        String last = name.substring(cut);
        List<String> out = new ArrayList<>();
        out.add(head + last + "s");
        out.add(head + last + "es");
        if (last.endsWith("y")) {
            out.add(head + last.substring(0, last.length() - 1) + "ies");
        }
        if (last.endsWith("s")) {
            out.add(head + last.substring(0, last.length() - 1));
        }
        return out;
    }

    /** The tag of a name of {@code words} words, or null. */
    public Tag find(String phrase) {
        return names.get(phrase);
    }

    /** The most words a name has ("electric bass guitar": 3). */
    public int longestName() {
        return longest;
    }

    /** For spelling correction: each one-word name with the category (or foreign name) it means. */
    public Map<String, String> meanings() {
        Map<String, String> out = new HashMap<>();
        names.forEach((name, tag) -> {
            if (!name.contains(" ")) {
                out.put(name, tag.cue() + ":" + tag.value());
            }
        });
        return out;
    }

    /** Every single word that appears in a name, for spelling correction. */
    public Set<String> words() {
        Set<String> out = new TreeSet<>();
        for (String n : names.keySet()) {
            for (String w : n.split(" ")) {
                out.add(w);
            }
        }
        return out;
    }
}
