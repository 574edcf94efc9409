package io.avqa.ingest.segment;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import io.avqa.ingest.source.DeviceSource;
import io.avqa.ingest.source.FileSource;
import io.avqa.ingest.source.NetworkSource;
import io.avqa.ingest.source.Source;
import io.avqa.ingest.source.SyntheticSource;

/**
 * Decodes one source with FFmpeg and feeds a {@link SegmentCutter}: video scaled by FFmpeg to the
 * feature stage's input size without cropping, audio resampled by FFmpeg to 16 kHz mono PCM16.
 * Only the frames the cutter wants are copied out of FFmpeg's buffers.
 */
public final class MediaSegmenter implements AutoCloseable {
    static {
        // FFmpeg's own messages (e.g. "non-existing PPS" while joining a live stream mid-GOP) go to SLF4J.
        System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.set();
    }

    private final Source source;
    private final FFmpegFrameGrabber grabber;
    /** A capture device's separate audio input (ALSA/PulseAudio), or null when audio is in {@link #grabber}. */
    private final FFmpegFrameGrabber audioDevice;
    private final MediaInfo info;
    private volatile Exception audioFailure;

    private MediaSegmenter(Source source, FFmpegFrameGrabber grabber, FFmpegFrameGrabber audioDevice, MediaInfo info) {
        this.source = source;
        this.grabber = grabber;
        this.audioDevice = audioDevice;
        this.info = info;
    }

    /**
     * Opens the source and checks that it has video.
     *
     * @throws MediaException with a reason a user can act on (missing file, refused connection, no video)
     */
    public static MediaSegmenter open(Source source, SegmenterOptions options) throws MediaException {
        FFmpegFrameGrabber grabber = grabberFor(source, options);
        grabber.setImageWidth(options.frameWidth());
        grabber.setImageHeight(options.frameHeight());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        grabber.setSampleRate(SegmentCutter.SAMPLE_RATE);
        grabber.setAudioChannels(1);
        grabber.setSampleMode(FrameGrabber.SampleMode.SHORT);
        try {
            // start() holds one JVM-wide lock (JavaCV's guard from before FFmpeg 4 made codec opening thread-safe)
            // for the whole open, probing included: streams moved to this instance opened one after another, ~2 s
            // each, and a source retrying a dead host held up every other stream's start
            grabber.startUnsafe();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber);
            throw new MediaException("cannot open " + source.redacted() + ": " + reason(e), e);
        }
        if (!grabber.hasVideo()) {
            closeQuietly(grabber);
            throw new MediaException(source.redacted() + " has no video stream: the model needs both video and audio");
        }
        FFmpegFrameGrabber audioDevice = null;
        if (source instanceof DeviceSource device && device.audioFormat() != null) {
            audioDevice = new FFmpegFrameGrabber(device.audioDevice());
            audioDevice.setFormat(device.audioFormat());
            audioDevice.setSampleRate(SegmentCutter.SAMPLE_RATE);
            audioDevice.setAudioChannels(1);
            audioDevice.setSampleMode(FrameGrabber.SampleMode.SHORT);
            try {
                audioDevice.start();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                closeQuietly(audioDevice);
                closeQuietly(grabber);
                throw new MediaException("cannot open audio device " + device.audioFormat() + ":" + device.audioDevice()
                        + ": " + reason(e), e);
            }
        }
        MediaInfo info = describe(grabber);
        if (audioDevice != null) {
            info = new MediaInfo(info.width(), info.height(), info.frameRate(), info.videoCodec(),
                    audioDevice.getSampleRate(), audioDevice.getAudioChannels(), device(source).audioFormat());
        }
        return new MediaSegmenter(source, grabber, audioDevice, info);
    }

    private static DeviceSource device(Source source) {
        return (DeviceSource) source;
    }

    public MediaInfo info() {
        return info;
    }

    /**
     * Decodes until the end of the media or until {@code stop} says so, feeding {@code cutter}. Does not
     * call {@link SegmentCutter#finish()}: the caller decides whether the timeline ends or continues.
     *
     * @return true at the end of the media, false when stopped
     * @throws MediaException when decoding fails mid-way (a dropped connection, a corrupt file)
     */
    public boolean run(SegmentCutter cutter, BooleanSupplier stop) throws MediaException {
        Thread audioReader = audioDevice == null ? null : startAudioReader(cutter, stop);
        try {
            while (!stop.getAsBoolean()) {
                if (audioFailure != null) {
                    throw new MediaException("reading audio of " + source.redacted() + " failed: " + reason(audioFailure),
                            audioFailure);
                }
                Frame frame;
                try {
                    frame = grabber.grabFrame(audioDevice == null && info.hasAudio(), true, true, false, false);
                } catch (FrameGrabber.Exception | RuntimeException e) {
                    throw new MediaException("reading " + source.redacted() + " failed: " + reason(e), e);
                }
                if (frame == null) {
                    return true;
                }
                // The cutter is shared with the device audio thread, when there is one.
                synchronized (cutter) {
                    if (frame.image != null && cutter.wantsFrame(frame.timestamp)) {
                        cutter.acceptFrame(frame.timestamp, copyImage(frame));
                    } else if (frame.samples != null) {
                        acceptSamples(cutter, frame);
                    }
                }
            }
            return false;
        } finally {
            if (audioReader != null) {
                audioReader.interrupt();
            }
        }
    }

    private static void acceptSamples(SegmentCutter cutter, Frame frame) {
        if (frame.samples[0] instanceof ShortBuffer pcm) {
            short[] samples = new short[pcm.remaining()];
            pcm.duplicate().get(samples);
            cutter.acceptAudio(frame.timestamp, samples, samples.length);
        }
    }

    /** Device audio arrives on its own input; both inputs are stamped with the wall clock (see grabberFor). */
    private Thread startAudioReader(SegmentCutter cutter, BooleanSupplier stop) {
        Thread reader = new Thread(() -> {
            try {
                Frame frame;
                while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()
                        && (frame = audioDevice.grabSamples()) != null) {
                    synchronized (cutter) {
                        acceptSamples(cutter, frame);
                    }
                }
            } catch (FrameGrabber.Exception | RuntimeException e) {
                audioFailure = e;
            }
        }, "audio-" + Thread.currentThread().getName());
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    @Override
    public void close() {
        closeQuietly(grabber);
        if (audioDevice != null) {
            closeQuietly(audioDevice);
        }
    }

    /** Copies FFmpeg's BGR24 buffer (rows may be padded) into a new image the caller owns. */
    private static BufferedImage copyImage(Frame frame) {
        BufferedImage image = new BufferedImage(frame.imageWidth, frame.imageHeight, BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        ByteBuffer src = ((ByteBuffer) frame.image[0]).duplicate();
        int row = frame.imageWidth * 3;
        for (int y = 0; y < frame.imageHeight; y++) {
            src.position(y * frame.imageStride);
            src.get(target, y * row, row);
        }
        return image;
    }

    /** How much of a live network source FFmpeg may read to identify its streams when opening it. */
    static final java.time.Duration LIVE_PROBE = java.time.Duration.ofMillis(1_500);
    static final int LIVE_PROBE_BYTES = 1 << 20;

    private static FFmpegFrameGrabber grabberFor(Source source, SegmenterOptions options) throws MediaException {
        String timeoutMicros = String.valueOf(options.ioTimeout().toNanos() / 1_000);
        if (source instanceof FileSource file) {
            Path path = file.path();
            if (!Files.isRegularFile(path)) {
                throw new MediaException("cannot open " + path + ": no such file");
            }
            if (!Files.isReadable(path)) {
                throw new MediaException("cannot open " + path + ": permission denied");
            }
            return new FFmpegFrameGrabber(path.toFile());
        }
        if (source instanceof NetworkSource net) {
            FFmpegFrameGrabber g = new FFmpegFrameGrabber(net.location());
            g.setOption("rw_timeout", timeoutMicros); // a silent peer fails a read instead of hanging
            // FFmpeg reads up to 5 s of a stream joined midway before it names the codecs; a live source needs far
            // less (a camera sends parameter sets with every keyframe), and every second here is a second a new or
            // moved stream stays dark
            g.setOption("analyzeduration", String.valueOf(LIVE_PROBE.toNanos() / 1_000));
            g.setOption("probesize", String.valueOf(LIVE_PROBE_BYTES));
            String scheme = net.uri().getScheme().toLowerCase(java.util.Locale.ROOT);
            if (scheme.startsWith("rtsp")) {
                g.setOption("rtsp_transport", "tcp");
                g.setOption("timeout", timeoutMicros);
            } else if (scheme.equals("udp") || scheme.equals("srt") || scheme.equals("tcp")) {
                g.setOption("timeout", timeoutMicros);
            } else if (scheme.startsWith("http")) {
                g.setOption("reconnect", "0"); // we reconnect ourselves, with backoff and status
            }
            return g;
        }
        if (source instanceof DeviceSource device) {
            FFmpegFrameGrabber g = new FFmpegFrameGrabber(device.videoDevice());
            g.setFormat("video4linux2");
            // V4L2 stamps frames with the monotonic clock; ALSA/Pulse with the wall clock: align on the latter.
            g.setOption("timestamps", "mono2abs");
            return g;
        }
        SyntheticSource synthetic = (SyntheticSource) source;
        throw new MediaException("synthetic:" + synthetic.spec()
                + " is resolved to generated clip files by `avqa demo`; pass the clip's mp4 path to `avqa ingest`");
    }

    private static MediaInfo describe(FFmpegFrameGrabber g) {
        AVCodecParameters video = g.getFormatContext().streams(g.getVideoStream()).codecpar();
        boolean audio = g.hasAudio();
        AVCodecParameters a = audio ? g.getFormatContext().streams(g.getAudioStream()).codecpar() : null;
        return new MediaInfo(video.width(), video.height(), g.getFrameRate(), g.getVideoCodecName(),
                audio ? a.sample_rate() : 0, audio ? a.ch_layout().nb_channels() : 0, audio ? g.getAudioCodecName() : null);
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // JavaCV's messages look like "avformat_open_input() error -2: Could not open input "x". (Has ...)"
        int hint = message.indexOf(" (Has setFormat");
        return hint > 0 ? message.substring(0, hint) : message;
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            // Closing after a failure: the original error is what matters to the user.
        }
    }
}
