package io.avqa.features.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.avqa.features.nn.TorchParameter;

/**
 * Weights from a directory: {@code resnet18.safetensors} (or {@code resnet18.pt}) with torchvision names and
 * {@code vggish.safetensors} (or {@code vggish.pt}) with torchvggish names, plus an optional
 * {@code backbone.properties}:
 * <ul>
 *   <li>{@code vggish.finalRelu=true|false}, default true as in torchvggish;</li>
 *   <li>{@code vggish.pca=true|false}, default false: torchvggish's PCA + quantisation, needing {@code pproc.*};</li>
 *   <li>{@code resnet18.seeded} / {@code vggish.seeded}: comma-separated parameter-name prefixes (e.g.
 *       {@code embeddings.0.,embeddings.2.}) that keep their {@code seeded-v1} values and must then be absent from
 *       the file: a trained backbone ships only what training changed (VGGish's frozen FC layers are 67 M
 *       parameters);</li>
 *   <li>{@code id.prefix}: what the id starts with (default {@code sha256}), e.g. {@code synth-v1}.</li>
 * </ul>
 * The backbone id is the prefix, a dash and the first 16 hex digits of a SHA-256 over the files' names and bytes,
 * so the same files give the same id anywhere.
 */
public record DirectoryBackbone(Path dir, Path resnetFile, Path vggishFile, boolean vggishFinalRelu, boolean vggishPca,
        List<String> resnetSeeded, List<String> vggishSeeded, String id) implements Backbone {
    public static final String PROPERTIES = "backbone.properties";

    public static DirectoryBackbone open(Path dir) throws IOException {
        Path resnet = find(dir, Network.RESNET18);
        Path vggish = find(dir, Network.VGGISH);
        boolean finalRelu = true;
        boolean pca = false;
        List<String> resnetSeeded = List.of();
        List<String> vggishSeeded = List.of();
        String prefix = "sha256";
        Path props = dir.resolve(PROPERTIES);
        List<Path> hashed = new ArrayList<>(List.of(resnet, vggish));
        if (Files.exists(props)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(props)) {
                p.load(in);
            }
            finalRelu = Boolean.parseBoolean(p.getProperty("vggish.finalRelu", "true").trim());
            pca = Boolean.parseBoolean(p.getProperty("vggish.pca", "false").trim());
            resnetSeeded = prefixes(p.getProperty(Network.RESNET18.fileBase() + ".seeded", ""));
            vggishSeeded = prefixes(p.getProperty(Network.VGGISH.fileBase() + ".seeded", ""));
            prefix = p.getProperty("id.prefix", prefix).trim();
            if (!prefix.matches("[A-Za-z0-9._-]+")) {
                throw new IOException(props + ": id.prefix '" + prefix + "' may hold only letters, digits, '.', '_', '-'");
            }
            hashed.add(props);
        }
        return new DirectoryBackbone(dir, resnet, vggish, finalRelu, pca, resnetSeeded, vggishSeeded,
                prefix + "-" + hash(hashed));
    }

    private static List<String> prefixes(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static Path find(Path dir, Network network) throws IOException {
        for (String ext : List.of(".safetensors", ".pt")) {
            Path f = dir.resolve(network.fileBase() + ext);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IOException(dir + " has no " + network.fileBase() + ".safetensors or " + network.fileBase()
                + ".pt: put the " + network + " checkpoint there, or use --weights seeded-v1");
    }

    private static String hash(List<Path> files) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (Path f : files) {
                sha.update(f.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (InputStream in = new DigestInputStream(Files.newInputStream(f), sha)) {
                    while (in.read(buffer) >= 0) {
                        // digesting
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public void bind(Network network, List<TorchParameter> parameters, NDManager manager)
            throws WeightMismatchException, IOException {
        Path file = network == Network.RESNET18 ? resnetFile : vggishFile;
        List<String> seeded = network == Network.RESNET18 ? resnetSeeded : vggishSeeded;
        List<TorchParameter> fromFile = new ArrayList<>();
        for (TorchParameter p : parameters) {
            if (seeded.stream().anyMatch(p.name()::startsWith)) {
                p.parameter().setArray(manager.create(SeededInit.values(p), p.shape()));
            } else {
                fromFile.add(p);
            }
        }
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> tensors = StateDictReader.read(file, scratch);
            WeightBinder.bind(file.toString(), network, fromFile, tensors, manager);
        }
    }
}
