package io.shopdr.drill.report;

import java.util.Locale;

/**
 * A very small SVG writer: rectangles, lines, polylines and text with escaped content and attributes. The drill's
 * timeline needs only these shapes, so a dependency on an SVG library is not worth it.
 */
public final class SvgWriter {
    private final StringBuilder out = new StringBuilder();
    private final int width;
    private final int height;

    public SvgWriter(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public SvgWriter rect(double x, double y, double w, double h, String fill, String title) {
        out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(Math.max(0, w))).append("\" height=\"").append(num(Math.max(0, h)))
                .append("\" fill=\"").append(escape(fill)).append('"');
        if (title != null) {
            out.append("><title>").append(escape(title)).append("</title></rect>\n");
        } else {
            out.append("/>\n");
        }
        return this;
    }

    public SvgWriter line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, String dash) {
        out.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
                .append(num(x2)).append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(escape(stroke))
                .append("\" stroke-width=\"").append(num(strokeWidth)).append('"');
        if (dash != null) out.append(" stroke-dasharray=\"").append(escape(dash)).append('"');
        out.append("/>\n");
        return this;
    }

    public SvgWriter polyline(double[] xs, double[] ys, String stroke, double strokeWidth) {
        if (xs.length == 0) return this;
        out.append("<polyline fill=\"none\" stroke=\"").append(escape(stroke)).append("\" stroke-width=\"")
                .append(num(strokeWidth)).append("\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            if (i > 0) out.append(' ');
            out.append(num(xs[i])).append(',').append(num(ys[i]));
        }
        out.append("\"/>\n");
        return this;
    }

    /** Text; {@code anchor} is start, middle or end. */
    public SvgWriter text(double x, double y, String text, int size, String fill, String anchor, boolean bold) {
        out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-size=\"")
                .append(size).append("\" fill=\"").append(escape(fill)).append("\" text-anchor=\"")
                .append(escape(anchor)).append('"');
        if (bold) out.append(" font-weight=\"bold\"");
        out.append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    /** The finished document. */
    public String toSvg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"Helvetica, Arial, sans-serif\">\n"
                + "<rect x=\"0\" y=\"0\" width=\"" + width + "\" height=\"" + height + "\" fill=\"#ffffff\"/>\n"
                + out + "</svg>\n";
    }

    /** XML-escapes text and attribute values. */
    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String num(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
