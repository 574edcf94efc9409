package io.avqa.reasoner.text.lexicon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words and phrases people use for each {@link Cue}, in the normalised spelling of
 * {@link io.avqa.reasoner.text.normalise.TextNormaliser}. Inflections are listed rather than stemmed: in this
 * closed domain a table is exact where a stemmer is not ("heard" is not "hear" to Porter, "lower" is "low").
 * Real words that change the meaning (lower, quieter, never) are listed on purpose, so that spelling correction
 * never turns them into a nearby supported word.
 */
final class Phrases {
    /** Phrase (words joined by one space) to its tag; a value of null means the phrase itself. */
    static final Map<String, Tag> ALL = new HashMap<>();

    static {
        cue(Cue.HOW_MANY, "how many", "how much", "number of", "count", "the number of", "how many of the");
        cue(Cue.WHERE, "where", "which side", "what side", "which position", "what position", "in which position",
                "in what position", "which part", "whereabouts");
        cue(Cue.WHICH, "which", "what", "which one", "what one");
        cue(Cue.OTHER_QUESTION, "when", "how long", "who", "whom", "whose", "why", "how", "how loud",
                "how often", "what time", "at what time", "how fast");
        cue(Cue.INSTRUMENT, "instrument", "instruments", "musical instrument", "musical instruments", "one", "ones",
                "thing", "things", "music instrument", "music instruments");
        cue(Cue.SOUND, "sound", "sounds", "sounding", "sounded", "play", "plays", "playing", "played", "playin",
                "being played", "noise", "noises", "making noise", "make noise", "makes noise", "perform");
        cue(Cue.HEAR, "hear", "hears", "heard", "hearing", "audible", "be heard", "can be heard");
        cue(Cue.SEE, "see", "sees", "seen", "visible", "shown", "show up", "appear", "appears", "appeared",
                "appearing", "on stage", "on screen", "in the picture", "in view", "anywhere", "in the frame");
        cue(Cue.TYPES, "types", "type", "kinds", "kind", "sorts", "sort", "different", "distinct", "varieties",
                "types of", "kinds of", "different types of", "different kinds of");
        cue(Cue.LOUDER, "louder", "more loud", "more loudly", "loudly", "noisier");
        cue(Cue.QUIETER, "quieter", "softer", "less loud", "more quiet", "more quietly", "more softly",
                "less loudly");
        cue(Cue.MORE_RHYTHMIC, "more rhythmic", "more rhythmically", "more rhythmical", "rhythmically",
                "rhythmic");
        cue(Cue.LESS_RHYTHMIC, "less rhythmic", "less rhythmically", "less rhythmical");
        cue(Cue.LONGER, "longer", "for longer", "for a longer time", "a longer time", "for more time",
                "a longer period", "for a longer period");
        cue(Cue.SHORTER, "shorter", "for shorter", "for a shorter time", "a shorter time", "less time",
                "for less time");
        cue(Cue.OTHER_COMPARISON, "lower", "higher", "deeper", "faster", "slower", "quicker", "better", "worse",
                "bigger", "smaller", "larger", "closer", "nearer", "earlier", "later", "sooner", "more melodic",
                "higher pitched", "lower pitched", "more", "less", "brighter", "darker", "heavier", "lighter",
                "sharper", "flatter", "clearer", "nicer", "prettier", "older", "newer", "taller");
        cue(Cue.THAN, "than", "compared to", "compared with", "in comparison to", "relative to");
        slot(Cue.EXTREMUM, "loudest", "loudest", "the loudest", "most loud");
        slot(Cue.EXTREMUM, "lowest", "lowest", "quietest", "softest", "least loud", "the quietest",
                "the softest", "most quiet");
        cue(Cue.OTHER_SUPERLATIVE, "highest", "most rhythmic", "most", "least", "biggest", "smallest", "largest",
                "fastest", "slowest", "deepest", "best", "worst", "closest", "nearest", "earliest", "latest",
                "longest", "shortest", "least rhythmic", "most melodic");
        cue(Cue.ALWAYS, "always", "all the time", "the whole time", "whole time", "the entire time", "entire time",
                "throughout", "continuously", "constantly", "non stop", "nonstop", "from start to finish",
                "from beginning to end", "from the beginning to the end", "from start to end",
                "from the start to the end", "all the way through", "the whole way through", "all along",
                "the whole way", "all throughout", "without stopping", "without a break", "the entire way");
        cue(Cue.WHOLE_VIDEO, "the whole video", "the entire video", "whole video", "entire video",
                "the whole clip", "the entire clip", "the full video");
        cue(Cue.SILENT, "silent", "quiet", "mute", "muted", "idle");
        cue(Cue.NEGATION, "not", "no", "never", "nobody", "none", "no one", "nothing", "neither", "nor", "without",
                "noone", "nowhere");
        cue(Cue.VOICE, "voiceover", "voiceovers", "voice over", "voice", "voices", "narration", "narrator",
                "narrating", "narrates", "narrate", "talking", "talk", "talks", "speaking", "speak", "speaks",
                "speech", "commentary", "commentator", "spoken", "someone talking", "someone speaking");
        cue(Cue.SOURCE, "from", "come from", "comes from", "coming from", "came from", "made by", "produced by",
                "making this sound", "make this sound", "makes this sound", "producing this sound",
                "producing", "originate from", "originates from");
        cue(Cue.PERFORMANCE, "performance", "performances", "concert", "show", "gig", "performing", "performed",
                "take place", "taking place", "takes place", "held", "filmed", "recorded");
        cue(Cue.INDOOR_OUTDOOR, "indoor", "indoors", "outdoor", "outdoors", "inside", "outside",
                "in a room", "in the open", "open air");
        cue(Cue.SAME_TIME, "at the same time", "at the same time as", "same time", "together", "together with",
                "simultaneously", "simultaneously with", "alongside", "along with", "in parallel", "concurrently");
        cue(Cue.COMES_IN, "come", "comes", "come in", "comes in", "coming in", "came in", "enter", "enters", "entering", "entered",
                "start", "starts", "started", "starting", "begin", "begins", "began", "beginning", "kick in",
                "kicks in", "join", "joins", "joined", "to start", "to come in", "to enter");
        slot(Cue.ORDER, "before", "before", "prior to", "ahead of", "earlier than");
        slot(Cue.ORDER, "after", "after", "following", "later than");
        for (String o : List.of("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                "ninth", "tenth", "last")) {
            slot(Cue.ORDINAL, o, o, "the " + o, "the very " + o, "very " + o);
        }
        slot(Cue.POSITION, "left", "left", "left side", "left hand side", "left hand");
        slot(Cue.POSITION, "right", "right", "right side", "right hand side", "right hand");
        slot(Cue.POSITION, "middle", "middle", "center", "centre", "the middle", "in between");
        slot(Cue.EXTREME_POSITION, "leftest", "leftest", "leftmost", "left most", "most left", "far left",
                "furthest left", "farthest left", "furthest to the left", "farthest to the left", "the far left",
                "extreme left", "very left");
        slot(Cue.EXTREME_POSITION, "rightest", "rightest", "rightmost", "right most", "most right", "far right",
                "furthest right", "farthest right", "furthest to the right", "farthest to the right",
                "the far right", "extreme right", "very right");
        cue(Cue.OR, "or");
        cue(Cue.NUMBER, "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "zero", "2", "3", "4", "5",
                "6", "7", "8", "9", "10", "0", "a couple of", "a few", "multiple", "several", "more than one", "only one",
                "just one", "exactly one", "single");
        cue(Cue.FILLER, "the", "a", "an", "is", "are", "am", "was", "were", "be", "been", "being", "do", "does",
                "did", "can", "could", "will", "would", "shall", "should", "may", "might", "has", "have", "had",
                "there", "this", "that", "these", "those", "it", "its", "they", "them", "their", "in", "on", "of",
                "to", "at", "by", "with", "for", "i", "you", "we", "me", "us", "my", "our", "your", "someone",
                "somebody", "anyone", "anybody", "both", "any", "all", "at all", "each", "video", "videos", "clip",
                "music", "audio", "right now", "now", "currently", "at the moment", "at this moment",
                "at present", "here", "just", "really", "actually", "please", "tell me", "still", "also",
                "other", "else", "located", "sit", "sits", "sitting", "side", "position", "place", "placed",
                "stage", "screen", "scene", "picture", "recording", "stream", "live", "musical", "make", "makes",
                "making", "made", "keep", "keeps", "stay", "stays", "remain", "remains", "going", "go", "goes", "and", "get", "gets", "up", "out",
                "too", "as", "well", "as well", "currently", "presently", "so", "far", "then", "again", "if",
                "whether", "exactly", "roughly", "about", "total", "in total", "altogether", "overall",
                "the same", "same", "time", "period", "bit", "some", "many", "much", "another",
                "between", "next", "next to", "beside", "besides", "over", "along",
                "performer", "player", "players", "musician", "musicians", "band", "group", "ensemble",
                "sitting there", "there is", "there are", "can you tell me", "could you tell me", "do you know",
                "tell me", "i wonder", "i want to know", "please tell me", "can you say", "hey", "ok", "okay", "so", "um", "uh", "like");
    }

    private Phrases() {
    }

    private static void cue(Cue cue, String... phrases) {
        for (String p : phrases) {
            ALL.put(p, new Tag(cue, p, p));
        }
    }

    private static void slot(Cue cue, String value, String... phrases) {
        for (String p : phrases) {
            ALL.put(p, new Tag(cue, value, p));
        }
    }
}
