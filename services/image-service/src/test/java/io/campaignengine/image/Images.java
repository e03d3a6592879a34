package io.campaignengine.image;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;

/** Real image bytes for tests: JPEG, PNG and GIF from ImageIO; WebP as literal files made with cwebp (40x30). */
public final class Images {
    private Images() {
    }

    /** 40x30 lossy WebP (VP8). */
    public static final byte[] WEBP_LOSSY = Base64.getDecoder().decode(
            "UklGRqwAAABXRUJQVlA4IKAAAACwBQCdASooAB4APmUkj0W4oiEdXMwBiAZEtQBOmWXYG9L/JXmvgt+AC1Ovw4QIMpGItWn/0wAA/v3jHPr4xbcivm1Y"
                    + "//nFvMSks6prGL+3qpCRHvHp9/Mf/mQPGEZpzfkmcFb4lcU+9jKYwoPBXikZaNnHNP0e9IMNg+U5EtuuSdnb/2Mg1EIh3pFtmfGcbKMNX6K5A336bow3"
                    + "h1BfWAAA");
    /** 40x30 lossless WebP (VP8L). */
    public static final byte[] WEBP_LOSSLESS = Base64.getDecoder().decode("UklGRjoAAABXRUJQVlA4TC4AAAAvJ0AHAAmAIAb8N0uI6H+qBUAQ/sslRPQ/lYFI26bw/mUPH43BAMYEUNWB6r8A");

    public static byte[] jpeg(int w, int h, int seed) {
        return write(picture(w, h, seed, false), "jpg");
    }

    public static byte[] png(int w, int h, int seed, boolean alpha) {
        return write(picture(w, h, seed, alpha), "png");
    }

    public static byte[] gif(int w, int h, int seed) {
        return write(picture(w, h, seed, false), "gif");
    }

    /** A picture that differs per seed (so uploads are not duplicates of each other). */
    static BufferedImage picture(int w, int h, int seed, boolean alpha) {
        BufferedImage img = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        java.util.Random r = new java.util.Random(seed);
        g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256), alpha ? 128 : 255));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 6; i++) {
            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            g.fillOval(r.nextInt(Math.max(1, w)), r.nextInt(Math.max(1, h)), Math.max(2, w / 4), Math.max(2, h / 4));
        }
        g.dispose();
        return img;
    }

    static byte[] write(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first half of a JPEG: a valid header, broken data. */
    public static byte[] truncated(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length / 3);
    }

    public static int[] size(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            return new int[]{img.getWidth(), img.getHeight()};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
