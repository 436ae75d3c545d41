package org.haven.cases.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.haven.shared.web.InvalidInput;

/**
 * Checks an uploaded file by its content, not its name or declared type: only PDF, PNG and JPEG are accepted, the
 * file name's extension must agree with the content (a disguised file is refused), and images are decoded and
 * re-encoded so that every metadata segment (EXIF with GPS position, XMP, text chunks, thumbnails) is dropped.
 * Image dimensions are checked before decoding to refuse decompression bombs.
 */
public final class AttachmentInspector {

    public record Inspected(String mediaType, byte[] content) {
    }

    static final int MAX_PIXELS = 40_000_000;

    private AttachmentInspector() {
    }

    public static Inspected inspect(String fileName, byte[] content, int maxBytes) {
        if (content == null || content.length == 0) {
            throw InvalidInput.of("file", "cases.error.fileEmpty", "The file is empty.");
        }
        if (content.length > maxBytes) {
            throw InvalidInput.of("file", "cases.error.fileTooLarge", "The file is larger than " + (maxBytes / 1024 / 1024) + " MB.");
        }
        String type = detect(content);
        if (type == null) {
            throw InvalidInput.of("file", "cases.error.fileType", "Only PDF, PNG and JPEG files are accepted.");
        }
        String ext = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).replaceAll("^.*\\.", "");
        boolean agrees = switch (type) {
            case "application/pdf" -> ext.equals("pdf");
            case "image/png" -> ext.equals("png");
            default -> ext.equals("jpg") || ext.equals("jpeg");
        };
        if (!agrees) {
            throw InvalidInput.of("file", "cases.error.fileDisguised", "The file's name does not match its content.");
        }
        if (type.equals("application/pdf")) {
            return new Inspected(type, content);
        }
        return new Inspected(type, reencode(content, type.equals("image/png") ? "png" : "jpeg"));
    }

    static String detect(byte[] b) {
        if (starts(b, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return "application/pdf";
        }
        if (starts(b, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        return null;
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] reencode(byte[] content, String format) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unreadable();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw InvalidInput.of("file", "cases.error.imageTooLarge", "The image has too many pixels.");
                }
                BufferedImage image = reader.read(0);
                if (format.equals("jpeg") && image.getColorModel().hasAlpha()) {
                    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
                    rgb.createGraphics().drawImage(image, 0, 0, null);
                    image = rgb;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                if (!ImageIO.write(image, format, out)) {
                    throw unreadable();
                }
                return out.toByteArray();
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInput ii) {
                throw ii;
            }
            throw unreadable();
        }
    }

    private static InvalidInput unreadable() {
        return InvalidInput.of("file", "cases.error.imageUnreadable", "The image cannot be read.");
    }
}
