package dev.hotplex.adapter.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 written by hand over a socket: for what the JDK client refuses to send (a Host header, half a request). */
final class RawHttp {
    private RawHttp() {
    }

    /** Sends {@code request} as is and reads until the server closes (or {@code timeoutMillis} passes). */
    static String exchange(int port, String request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return readUntilClosed(socket.getInputStream());
        }
    }

    /** Everything the server sends until it closes the connection; what came so far if the read times out. */
    static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                received.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException e) {
            return received.toString(StandardCharsets.UTF_8) + "\n<still open>";
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    static int status(String response) {
        return Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }
}
