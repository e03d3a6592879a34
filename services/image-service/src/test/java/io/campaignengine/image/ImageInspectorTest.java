package io.campaignengine.image;

import io.campaignengine.image.service.ImageFormat;
import io.campaignengine.image.service.ImageInspector;
import io.campaignengine.kit.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Format sniffing, dimensions, thumbnails and refusals, on real bytes (no Quarkus). */
class ImageInspectorTest {
    final ImageInspector inspector = new ImageInspector();
    static final long MAX = 5_000_000;

    ImageInspector.Inspected inspect(byte[] b) {
        return inspector.inspect(b, "file", MAX, 100_000_000, 320);
    }

    @Test
    void eachFormatIsRecognizedMeasuredAndThumbnailed() {
        var jpeg = inspect(Images.jpeg(1600, 900, 1));
        assertEquals(ImageFormat.JPEG, jpeg.format());
        assertEquals(1600, jpeg.width());
        assertEquals(900, jpeg.height());
        assertArrayEquals(new int[]{320, 180}, Images.size(jpeg.thumbnail().bytes()));
        assertEquals("image/jpeg", jpeg.thumbnail().mimeType());

        var png = inspect(Images.png(500, 1000, 2, true));
        assertEquals(ImageFormat.PNG, png.format());
        assertArrayEquals(new int[]{160, 320}, Images.size(png.thumbnail().bytes()));
        assertEquals("image/png", png.thumbnail().mimeType()); // transparency kept

        var gif = inspect(Images.gif(640, 640, 3));
        assertEquals(ImageFormat.GIF, gif.format());
        assertArrayEquals(new int[]{320, 320}, Images.size(gif.thumbnail().bytes()));

        for (byte[] webp : new byte[][]{Images.WEBP_LOSSY, Images.WEBP_LOSSLESS}) {
            var w = inspect(webp);
            assertEquals(ImageFormat.WEBP, w.format());
            assertEquals(40, w.width());
            assertEquals(30, w.height());
            // never enlarged
            assertArrayEquals(new int[]{40, 30}, Images.size(w.thumbnail().bytes()));
        }
        assertEquals(64, inspect(Images.jpeg(10, 10, 4)).sha256().length());
    }

    @Test
    void anythingElseIs415WhateverItIsCalled() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> inspect("<html>not an image, even if named cat.jpg</html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(415, e.status());
        assertEquals("file", e.extensions().get("field"));
        // a BMP is an image, but not one we take
        byte[] bmp = new byte[64];
        bmp[0] = 'B';
        bmp[1] = 'M';
        assertEquals(415, assertThrows(ProblemException.class, () -> inspect(bmp)).status());
        assertNull(ImageFormat.sniff(new byte[]{(byte) 0xFF, (byte) 0xD8}));
    }

    @Test
    void corruptOversizedAndBombs() {
        assertEquals(422, assertThrows(ProblemException.class, () -> inspect(Images.truncated(Images.jpeg(800, 600, 5)))).status());
        byte[] fakePng = new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertEquals(422, assertThrows(ProblemException.class, () -> inspect(fakePng)).status());
        assertEquals(422, assertThrows(ProblemException.class, () -> inspect(new byte[0])).status());
        byte[] big = Images.jpeg(300, 300, 6);
        ProblemException tooBig = assertThrows(ProblemException.class, () -> inspector.inspect(big, "file", big.length - 1, 100_000_000, 320));
        assertEquals(413, tooBig.status());
        ProblemException bomb = assertThrows(ProblemException.class,
                () -> inspector.inspect(Images.png(2000, 2000, 7, false), "file", MAX, 1_000_000, 320));
        assertEquals(413, bomb.status());
    }
}
