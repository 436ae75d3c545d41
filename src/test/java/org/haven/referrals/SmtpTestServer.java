package org.haven.referrals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny SMTP listener on a free local port, speaking just enough SMTP for JavaMail (220, EHLO/HELO 250, MAIL/RCPT
 * 250, DATA 354 ... "." 250, QUIT 221; RSET/NOOP 250). Keeps every message received; {@link #rejectRecipients}
 * answers RCPT with 550, to test that a failure to send breaks nothing.
 */
final class SmtpTestServer implements AutoCloseable {

    /** One message: envelope sender, envelope recipients and the raw data (dot-stuffing removed). */
    record Received(String mailFrom, List<String> recipients, String raw) {
    }

    private final ServerSocket server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    volatile boolean rejectRecipients;
    volatile int connections;

    private SmtpTestServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "smtp-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static SmtpTestServer start() {
        try {
            return new SmtpTestServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    void clear() {
        received.clear();
    }

    /** Waits up to {@code timeout} for at least {@code count} messages, then a moment for any extra; returns all. */
    List<Received> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        return received();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket), "smtp-test-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        connections++;
        try (socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                OutputStream out = socket.getOutputStream()) {
            reply(out, "220 localhost test SMTP");
            String from = null;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 localhost");
                    case "MAIL" -> {
                        from = address(line);
                        recipients = new ArrayList<>();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        if (rejectRecipients) {
                            reply(out, "550 No such user");
                        } else {
                            recipients.add(address(line));
                            reply(out, "250 OK");
                        }
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        StringBuilder data = new StringBuilder();
                        String d;
                        while ((d = in.readLine()) != null && !d.equals(".")) {
                            data.append(d.startsWith("..") ? d.substring(1) : d).append("\r\n");
                        }
                        received.add(new Received(from, List.copyOf(recipients), data.toString()));
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String address(String line) {
        int lt = line.indexOf('<');
        int gt = line.indexOf('>');
        return lt >= 0 && gt > lt ? line.substring(lt + 1, gt) : line.substring(line.indexOf(':') + 1).trim();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
