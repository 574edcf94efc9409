package io.avqa.features.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The probe table of one or more backbones: printed as text, written as {@code probes.json} and {@code probes.html}. */
public final class ProbeReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, List<ProbeResult>> byBackbone;
    private final Map<String, Object> context;

    ProbeReport(Map<String, List<ProbeResult>> byBackbone, Map<String, Object> context) {
        this.byBackbone = new LinkedHashMap<>(byBackbone);
        this.context = new LinkedHashMap<>(context);
    }

    /** One row per probe, one column per backbone, values in percent (accuracy) or as AUC. */
    public String table() {
        List<String> ids = new ArrayList<>(byBackbone.keySet());
        List<ProbeResult> first = byBackbone.get(ids.get(0));
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-58s %-9s", "probe (held-out clips)", "metric"));
        ids.forEach(id -> s.append(String.format(Locale.ROOT, " %24s", id)));
        s.append('\n');
        for (int r = 0; r < first.size(); r++) {
            s.append(String.format(Locale.ROOT, "%-58s %-9s", first.get(r).probe(), first.get(r).metric()));
            for (String id : ids) {
                s.append(String.format(Locale.ROOT, " %24s", format(byBackbone.get(id).get(r))));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String format(ProbeResult r) {
        return r.metric().equals("accuracy") ? String.format(Locale.ROOT, "%.1f %%", 100 * r.value())
                : String.format(Locale.ROOT, "%.3f", r.value());
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>(context);
        json.put("results", byBackbone);
        JSON.writeValue(dir.resolve("probes.json").toFile(), json);
        StringBuilder h = new StringBuilder("<!doctype html><meta charset=utf-8><title>Backbone probes</title>"
                + "<style>body{font:14px sans-serif;margin:2em}td,th{padding:4px 10px;border-bottom:1px solid #ddd}"
                + "td.v{text-align:right}.bar{background:#2b6cb0;height:8px}</style><h1>Backbone probes</h1><p>");
        context.forEach((k, v) -> h.append(esc(k)).append(": ").append(esc(String.valueOf(v))).append("<br>"));
        h.append("</p><table><tr><th>probe</th><th>metric</th>");
        byBackbone.keySet().forEach(id -> h.append("<th>").append(esc(id)).append("</th>"));
        h.append("</tr>");
        List<ProbeResult> first = byBackbone.values().iterator().next();
        for (int r = 0; r < first.size(); r++) {
            h.append("<tr><td>").append(esc(first.get(r).probe())).append("</td><td>").append(first.get(r).metric())
                    .append("</td>");
            for (List<ProbeResult> results : byBackbone.values()) {
                ProbeResult p = results.get(r);
                h.append("<td class=v>").append(format(p)).append("<div class=bar style='width:")
                        .append(Math.round(120 * Math.max(0, p.value()))).append("px'></div></td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
        Files.writeString(dir.resolve("probes.html"), h);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
