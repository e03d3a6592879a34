package io.campaignengine.bench.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection sending the same GET again and again, read with a blocking socket: the load side
 * of a benchmark should cost the machine as little as possible (like wrk's connections), so that what the figures show
 * is the system under test. The JDK HttpClient costs ~0.2 ms of CPU per 30 KB answer here, about what the service
 * itself spends on it, and adds a selector thread and an executor hand-off to every request.
 * <p>
 * Reads Content-Length and chunked bodies (and none for 204/304); a response must be complete and well-formed, or the
 * call fails. Not thread-safe: one per client thread. Reconnects after the server closed the connection.
 */
public final class KeepAliveGet implements AutoCloseable {
    private final String host;
    private final int port;
    private final byte[] request;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public KeepAliveGet(String url, Map<String, String> headers) {
        URI uri = URI.create(url);
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 80;
        StringBuilder r = new StringBuilder("GET ").append(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            r.append('?').append(uri.getRawQuery());
        }
        r.append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
        headers.forEach((k, v) -> r.append(k).append(": ").append(v).append("\r\n"));
        this.request = r.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One exchange: the status and the length of the body read (the body itself is skipped). */
    public Response get() throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    public record Response(int status, int bodyBytes) {
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        pos = limit = 0;
    }

    private Response readResponse() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header: " + h);
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase().contains("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closeAfter = value.equalsIgnoreCase("close");
            }
        }
        long body;
        if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
            body = 0;
        } else if (chunked) {
            body = 0;
            for (long size = chunkSize(line()); size > 0; size = chunkSize(line())) {
                skip(size);
                body += size;
                if (!line().isEmpty()) {
                    throw new IOException("chunk not followed by CRLF");
                }
            }
            while (!line().isEmpty()) { // trailers
            }
        } else if (length >= 0) {
            skip(length);
            body = length;
        } else {
            throw new IOException("a body without length on a keep-alive connection");
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, (int) body);
    }

    /** The size of a chunk from its header line (hexadecimal, extensions after ';' ignored). */
    private static long chunkSize(String line) {
        int semi = line.indexOf(';');
        return Long.parseLong((semi >= 0 ? line.substring(0, semi) : line).trim(), 16);
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            if (pos == limit) {
                fill();
            }
            int take = (int) Math.min(n, limit - pos);
            pos += take;
            n -= take;
        }
    }

    /** One header line without its CRLF. */
    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        while (true) {
            if (pos == limit) {
                fill();
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int n = s.length();
                return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s.toString();
            }
            s.append((char) (b & 0xff));
            if (s.length() > 16 * 1024) {
                throw new IOException("header line longer than 16 KB");
            }
        }
    }

    private void fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            throw new IOException("connection closed by the server mid-response");
        }
        pos = 0;
        limit = n;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
