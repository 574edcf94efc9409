package io.avqa.dataset.synth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An independent answer checker: answers a MUSIC-AVQA question from a clip's {@code labels/<id>.json}
 * alone, written from the question semantics (not from the generator's classes), so that a test can
 * compare it with the answers the generator wrote. Returns null when the labels do not define a unique
 * answer (the generator must never ask such a question).
 */
final class LabelOracle {
    private static final String[] NUM = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten"};

    /** A source as read from the labels. */
    private record Src(int id, String cat, boolean visible, String pos, double cx, int loud, int rhythm, int pitch,
            boolean[] active) {
        int onset() {
            for (int i = 0; i < active.length; i++) {
                if (active[i]) {
                    return i;
                }
            }
            return -1;
        }

        boolean heard() {
            return onset() >= 0;
        }
    }

    private final List<Src> all = new ArrayList<>();
    private final String setting;
    private final int seconds;

    LabelOracle(JsonNode labels) {
        setting = labels.get("setting").asText();
        seconds = labels.get("seconds").asInt();
        for (JsonNode s : labels.get("sources")) {
            boolean[] act = new boolean[seconds];
            for (int i = 0; i < seconds; i++) {
                act[i] = s.get("active").get(i).asInt() == 1;
            }
            boolean vis = s.get("visible").asBoolean();
            double cx = vis ? s.get("box").get(0).asInt() + s.get("box").get(2).asInt() / 2.0 : Double.NaN;
            all.add(new Src(s.get("id").asInt(), s.get("category").asText(), vis,
                    vis ? s.get("position").asText() : null, cx, s.get("loudness").asInt(), s.get("rhythm").asInt(),
                    s.get("pitch").asInt(), act));
        }
        // consistency of the labels themselves: per-segment sounding lists match the active arrays
        for (JsonNode seg : labels.get("segments")) {
            int n = seg.get("second").asInt();
            Set<Integer> listed = new HashSet<>();
            seg.get("sounding").forEach(x -> listed.add(x.asInt()));
            for (Src s : all) {
                if (s.active[n] != listed.contains(s.id)) {
                    throw new IllegalStateException("segment " + n + " sounding list disagrees with source " + s.id);
                }
            }
        }
    }

    private List<Src> seen() {
        return all.stream().filter(Src::visible).toList();
    }

    private List<Src> heard() {
        return all.stream().filter(Src::heard).toList();
    }

    private static String yn(boolean b) {
        return b ? "yes" : "no";
    }

    private static String num(long n) {
        return n <= 10 ? NUM[(int) n] : "more than ten";
    }

    String answer(String templateContent, List<String> v) {
        String t = templateContent.strip();
        List<Src> seen = seen();
        List<Src> heard = heard();
        List<Src> seenHeard = seen.stream().filter(Src::heard).toList();
        switch (t) {
            case "Is there a <Object> sound?":
                return yn(heard.stream().anyMatch(s -> s.cat.equals(v.get(0))));
            case "Are there <Object> and <Object> sound?":
                return v.get(0).equals(v.get(1)) ? null : yn(heard.stream().anyMatch(s -> s.cat.equals(v.get(0)))
                        && heard.stream().anyMatch(s -> s.cat.equals(v.get(1))));
            case "How many musical instruments were heard throughout the video?":
                return num(heard.size());
            case "Is the <Object> louder than the <Object>?":
                return pairwise(one(heard, v.get(0)), one(heard, v.get(1)), true);
            case "Is the <Object> more rhythmic than the <Object>?":
                return pairwise(one(heard, v.get(0)), one(heard, v.get(1)), false);
            case "Is the <Object> playing longer than the <Object>?":
                return longer(v.get(0), v.get(1));
            case "Is there a <Object> in the entire video?":
                return yn(seen.stream().anyMatch(s -> s.cat.equals(v.get(0))));
            case "Are there <Object> and <Object> instruments in the video?":
                return v.get(0).equals(v.get(1)) ? null : yn(seen.stream().anyMatch(s -> s.cat.equals(v.get(0)))
                        && seen.stream().anyMatch(s -> s.cat.equals(v.get(1))));
            case "How many <Object> are in the entire video?":
                return num(seen.stream().filter(s -> s.cat.equals(v.get(0))).count());
            case "How many types of musical instruments appeared in the entire video?":
                return num(seen.stream().map(Src::cat).distinct().count());
            case "What is the instrument on the <LR> of <Object>?": {
                Src x = one(seen, v.get(1));
                Src n = x == null ? null : nextTo(x, v.get(0));
                return n == null ? null : n.cat;
            }
            case "What kind of instrument is the <LRer> instrument?": {
                if (seen.size() < 2) {
                    return null;
                }
                Src best = null;
                for (Src s : seen) {
                    if (best == null || (v.get(0).equals("leftest") ? s.cx < best.cx : s.cx > best.cx)) {
                        best = s;
                    }
                }
                return best.cat;
            }
            case "What kind of musical instrument is it?":
                return seen.size() == 1 ? seen.get(0).cat : null;
            case "Where is the performance?":
                return setting;
            case "Is the <Object> in the video always playing?": {
                List<Src> xs = seen.stream().filter(s -> s.cat.equals(v.get(0))).toList();
                if (xs.isEmpty()) {
                    return null;
                }
                for (int i = 0; i < seconds; i++) {
                    int sec = i;
                    if (xs.stream().noneMatch(s -> s.active[sec])) {
                        return "no";
                    }
                }
                return "yes";
            }
            case "Is there a voiceover?":
                return yn(heard.stream().anyMatch(s -> !s.visible));
            case "Is this sound from the instrument in the video?":
                return heard.isEmpty() ? null : yn(!seenHeard.isEmpty());
            case "Is the <FL> sound coming from the <LR> instrument?": {
                Src f = firstLast(v.get(0));
                return f == null ? null : yn(f.visible && f.pos.equals(v.get(1)));
            }
            case "What is the <LR> instrument of the <FL> sounding instrument?": {
                Src f = firstLast(v.get(1));
                if (f == null || !f.visible || v.get(0).equals("middle")) {
                    return null;
                }
                Src n = nextTo(f, v.get(0));
                return n == null ? null : n.cat;
            }
            case "Where is the <LL> instrument?":
                return loudestOrLowest(v.get(0));
            case "Which is the musical instrument that sounds at the same time as the <Object>?":
                return sameTime(v.get(0));
            case "How many instruments are sounding in the video?":
                return num(seenHeard.size());
            case "How many instruments in the video did not sound from beginning to end?":
                return num(seen.size() - seenHeard.size());
            case "How many sounding <Object> in the video\uff1f":
                return num(seenHeard.stream().filter(s -> s.cat.equals(v.get(0))).count());
            case "How many types of musical instruments sound in the video?":
                return num(seenHeard.stream().map(Src::cat).distinct().count());
            case "Is the <Object> on the <LR> louder than the <Object> on the <LR>?":
                return pairwise(at(v.get(0), v.get(1)), at(v.get(2), v.get(3)), true);
            case "Is the <Object> on the <LR> more rhythmic than the <Object> on the <LR>?":
                return pairwise(at(v.get(0), v.get(1)), at(v.get(2), v.get(3)), false);
            case "Is the instrument on the <LR> louder than the instrument on the <LR>?":
                return v.get(0).equals(v.get(1)) ? null : pairwise(at(null, v.get(0)), at(null, v.get(1)), true);
            case "Is the instrument on the <LR> more rhythmic than the instrument on the <LR>?":
                return v.get(0).equals(v.get(1)) ? null : pairwise(at(null, v.get(0)), at(null, v.get(1)), false);
            case "What is the <TH> instrument that comes in?":
                return nth(List.of("first", "second", "third").indexOf(v.get(0)));
            case "Where is the <FL> sounding instrument?": {
                Src f = firstLast(v.get(0));
                return f == null || !f.visible ? null : f.pos;
            }
            case "Which <Object> makes the sound <FL>?":
                return whichOne(v.get(0), v.get(1));
            case "Which instrument makes sounds <BA> the <Object>?":
                return beforeAfter(v.get(0), v.get(1));
            default:
                throw new IllegalArgumentException("oracle does not know template: " + t);
        }
    }

    /** The only source of a category among {@code among}, or null. */
    private static Src one(List<Src> among, String cat) {
        List<Src> m = among.stream().filter(s -> s.cat.equals(cat)).toList();
        return m.size() == 1 ? m.get(0) : null;
    }

    /** The only visible source at a position (of a category, if given), or null. */
    private Src at(String cat, String pos) {
        List<Src> m = seen().stream().filter(s -> s.pos.equals(pos) && (cat == null || s.cat.equals(cat))).toList();
        return m.size() == 1 ? m.get(0) : null;
    }

    private static String pairwise(Src a, Src b, boolean loudness) {
        if (a == null || b == null || a.id == b.id || !a.heard() || !b.heard()) {
            return null;
        }
        int x = loudness ? a.loud : a.rhythm;
        int y = loudness ? b.loud : b.rhythm;
        return x == y ? null : yn(x > y);
    }

    private String longer(String a, String b) {
        if (a.equals(b)) {
            return null;
        }
        int da = 0;
        int db = 0;
        boolean ha = false;
        boolean hb = false;
        for (int i = 0; i < seconds; i++) {
            boolean pa = false;
            boolean pb = false;
            for (Src s : all) {
                pa |= s.cat.equals(a) && s.active[i];
                pb |= s.cat.equals(b) && s.active[i];
            }
            da += pa ? 1 : 0;
            db += pb ? 1 : 0;
            ha |= pa;
            hb |= pb;
        }
        return !ha || !hb || Math.abs(da - db) < 2 ? null : yn(da > db);
    }

    private Src nextTo(Src x, String side) {
        Src best = null;
        for (Src s : seen()) {
            boolean onSide = side.equals("left") ? s.cx < x.cx : s.cx > x.cx;
            if (onSide && (best == null || Math.abs(s.cx - x.cx) < Math.abs(best.cx - x.cx))) {
                best = s;
            }
        }
        return best;
    }

    private Src firstLast(String fl) {
        List<Src> h = heard();
        if (h.isEmpty()) {
            return null;
        }
        int target = fl.equals("first") ? h.stream().mapToInt(Src::onset).min().getAsInt()
                : h.stream().mapToInt(Src::onset).max().getAsInt();
        List<Src> at = h.stream().filter(s -> s.onset() == target).toList();
        return at.size() == 1 ? at.get(0) : null;
    }

    private String loudestOrLowest(String which) {
        List<Src> h = heard();
        if (h.isEmpty()) {
            return null;
        }
        Src pick;
        if (which.equals("loudest")) {
            int max = h.stream().mapToInt(Src::loud).max().getAsInt();
            List<Src> top = h.stream().filter(s -> s.loud == max).toList();
            pick = top.size() == 1 ? top.get(0) : null;
        } else {
            if (h.stream().anyMatch(s -> s.pitch < 0)) {
                return null;
            }
            List<Src> sorted = new ArrayList<>(h);
            sorted.sort((p, q) -> Integer.compare(p.pitch, q.pitch));
            pick = sorted.size() > 1 && sorted.get(1).pitch - sorted.get(0).pitch < 5 ? null : sorted.get(0);
        }
        return pick == null || !pick.visible ? null : pick.pos;
    }

    private String sameTime(String cat) {
        Src x = one(heard(), cat);
        if (x == null) {
            return null;
        }
        int best = 0;
        Set<String> cats = new HashSet<>();
        for (Src s : heard()) {
            if (s.id == x.id) {
                continue;
            }
            int ov = 0;
            for (int i = 0; i < seconds; i++) {
                ov += s.active[i] && x.active[i] ? 1 : 0;
            }
            if (ov > best) {
                best = ov;
                cats.clear();
            }
            if (ov == best && ov > 0) {
                cats.add(s.cat);
            }
        }
        return best > 0 && cats.size() == 1 ? cats.iterator().next() : null;
    }

    private String nth(int k) {
        List<Src> h = new ArrayList<>(heard());
        h.sort((p, q) -> Integer.compare(p.onset(), q.onset()));
        if (k < 0 || k >= h.size()) {
            return null;
        }
        int on = h.get(k).onset();
        long same = h.stream().filter(s -> s.onset() == on).count();
        return same == 1 ? h.get(k).cat : null;
    }

    private String whichOne(String cat, String fl) {
        List<Src> g = seen().stream().filter(s -> s.cat.equals(cat) && s.heard()).toList();
        if (g.size() < 2 || g.stream().map(Src::pos).distinct().count() < g.size()) {
            return null;
        }
        if (g.stream().mapToInt(Src::onset).distinct().count() == 1) {
            return "simultaneously";
        }
        int target = fl.equals("first") ? g.stream().mapToInt(Src::onset).min().getAsInt()
                : g.stream().mapToInt(Src::onset).max().getAsInt();
        List<Src> at = g.stream().filter(s -> s.onset() == target).toList();
        return at.size() == 1 ? at.get(0).pos : null;
    }

    private String beforeAfter(String ba, String cat) {
        Src x = one(heard(), cat);
        if (x == null) {
            return null;
        }
        boolean before = ba.equals("before");
        Src pick = null;
        boolean tie = false;
        for (Src s : heard()) {
            boolean onSide = before ? s.onset() < x.onset() : s.onset() > x.onset();
            if (!onSide) {
                continue;
            }
            if (pick == null || (before ? s.onset() > pick.onset() : s.onset() < pick.onset())) {
                pick = s;
                tie = false;
            } else if (s.onset() == pick.onset()) {
                tie = true;
            }
        }
        return pick == null || tie ? null : pick.cat;
    }
}
