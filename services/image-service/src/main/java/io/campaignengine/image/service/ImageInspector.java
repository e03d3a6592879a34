package io.campaignengine.image.service;

import io.campaignengine.kit.problem.ProblemException;
import io.campaignengine.kit.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;

/**
 * Checks uploaded bytes and makes thumbnails (blocking, CPU: call through {@link Blocking}). The format comes from the
 * magic bytes; the dimensions from the format's reader (header only); the thumbnail (long side {@code size} px, JPEG,
 * PNG when the image has transparency) from a subsampled decode, so a large photo never needs its full raster.
 */
@ApplicationScoped
public class ImageInspector {
    static final String TYPE_UNSUPPORTED = Problems.TYPE_PREFIX + "unsupported-media-type";
    static final String TYPE_INVALID = Problems.TYPE_PREFIX + "invalid-image";
    static final String TYPE_TOO_LARGE = Problems.TYPE_PREFIX + "payload-too-large";

    static {
        // plugins on the class path (TwelveMonkeys WebP) are registered by the class loader that sees them
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    /** What an upload is: format, size, dimensions and content hash. */
    public record Inspected(ImageFormat format, int width, int height, long sizeBytes, String sha256, Thumbnail thumbnail, byte[] bytes) {
    }

    public record Thumbnail(byte[] bytes, String mimeType, String extension, String note) {
    }

    /**
     * Sniffs, measures, decodes (into the thumbnail, long side {@code thumbnailSize}) and hashes the bytes; 415 for anything
     * but JPEG/PNG/GIF/WebP, 413 over the limits, 422 when it cannot be decoded.
     */
    public Inspected inspect(byte[] bytes, String field, long maxBytes, long maxPixels, int thumbnailSize) {
        if (bytes.length > maxBytes) {
            throw tooLarge(field, bytes.length, maxBytes);
        }
        if (bytes.length == 0) {
            throw new ProblemException(422, TYPE_INVALID, "Invalid image", "the file is empty").with("field", field);
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == null) {
            throw new ProblemException(415, TYPE_UNSUPPORTED, "Unsupported Media Type",
                    "the file is not a JPEG, PNG, GIF or WebP image (checked from its bytes, not its name)")
                    .with("field", field).with("supportedTypes", java.util.List.of("image/jpeg", "image/png", "image/gif", "image/webp"));
        }
        int[] size = dimensions(bytes, format, field);
        if ((long) size[0] * size[1] > maxPixels) {
            throw new ProblemException(413, TYPE_TOO_LARGE, "Payload Too Large", "the image is " + size[0] + "x" + size[1]
                    + " pixels; at most " + maxPixels + " pixels are accepted").with("field", field);
        }
        // decoding (into the thumbnail) is the real check: a header can be fine while the data behind it is not
        Thumbnail thumbnail = encode(thumbnailImage(bytes, format, thumbnailSize, field));
        return new Inspected(format, size[0], size[1], bytes.length, sha256(bytes), thumbnail, bytes);
    }

    public static ProblemException tooLarge(String field, long size, long maxBytes) {
        return new ProblemException(413, TYPE_TOO_LARGE, "Payload Too Large", "the file is " + size + " bytes; at most " + maxBytes
                + " bytes are accepted").with("field", field).with("maxBytes", maxBytes);
    }

    private static Thumbnail encode(BufferedImage scaled) {
        boolean alpha = scaled.getColorModel().hasAlpha();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (alpha) {
                ImageIO.write(scaled, "png", out);
                return new Thumbnail(out.toByteArray(), "image/png", "png", null);
            }
            ImageIO.write(scaled, "jpg", out);
            return new Thumbnail(out.toByteArray(), "image/jpeg", "jpg", null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode thumbnail", e);
        }
    }

    private int[] dimensions(byte[] bytes, ImageFormat format, String field) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = reader(format, in);
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw corrupt(format, field, "no image dimensions");
                }
                return new int[]{w, h};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw corrupt(format, field, e.getMessage());
        }
    }

    private BufferedImage thumbnailImage(byte[] bytes, ImageFormat format, int size, String field) {
        BufferedImage source;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = reader(format, in);
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                ImageReadParam param = reader.getDefaultReadParam();
                // subsample to at most twice the target, then scale smoothly
                int step = Math.max(1, Math.max(w, h) / (size * 2));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                // ImageIO decodes a truncated JPEG as grey filler and only warns: a warning is a broken file here
                java.util.List<String> warnings = new java.util.ArrayList<>();
                reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
                source = reader.read(0, param);
                if (!warnings.isEmpty()) {
                    throw corrupt(format, field, warnings.get(0));
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw corrupt(format, field, e.getMessage());
        }
        if (source == null) {
            throw corrupt(format, field, "no image data");
        }
        int w = source.getWidth();
        int h = source.getHeight();
        double scale = Math.min(1.0, (double) size / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        boolean alpha = source.getColorModel().hasAlpha();
        BufferedImage out = new BufferedImage(tw, th, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static ImageReader reader(ImageFormat format, ImageInputStream in) {
        if (in == null) {
            throw new IllegalStateException("no image input stream");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mimeType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format.mimeType());
        }
        return readers.next();
    }

    private static ProblemException corrupt(ImageFormat format, String field, String why) {
        return new ProblemException(422, TYPE_INVALID, "Invalid image", "the file starts like a " + format.name()
                + " image but cannot be decoded" + (why == null || why.isBlank() ? "" : " (" + why + ")")).with("field", field);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
