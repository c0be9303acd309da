package backstep.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP proxy in front of the local database server that plays a network partition: when a client tries to cancel a
 * statement (PostgreSQL's CancelRequest, MySQL's {@code KILL QUERY}), the cancel never reaches the server and the
 * connection whose last request named {@code marker} is cut. The client sees its connection lost; the server, which
 * saw nothing, goes on with the statement — as after a network failure while a statement that commits by itself ran.
 */
public final class CuttingProxy implements AutoCloseable {
  private static final byte[] PG_CANCEL = {0, 0, 0, 16, 4, (byte) 0xD2, 22, 46};

  private final ServerSocket server;
  private final int upstream;
  private final String marker;
  private final List<Pair> pairs = new CopyOnWriteArrayList<>();
  /** Counted down once a connection was cut. */
  public final CountDownLatch cut = new CountDownLatch(1);

  public CuttingProxy(int upstreamPort, String marker) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.upstream = upstreamPort;
    this.marker = marker;
    Thread t = new Thread(this::accept, "cutting-proxy");
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket db = new Socket(InetAddress.getLoopbackAddress(), upstream);
        Pair p = new Pair(client, db);
        pairs.add(p);
        pump(p, client, db, true);
        pump(p, db, client, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Pair p, Socket from, Socket to, boolean fromClient) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[65536];
      try {
        InputStream in = from.getInputStream(); // not closed here: closing a stream closes its socket
        OutputStream out = to.getOutputStream();
        boolean first = true;
        for (int n; (n = in.read(buf)) > 0; first = false) {
          if (fromClient && isCancel(buf, n, first)) {
            p.close();
            cutMarked();
            return;
          }
          if (fromClient) {
            p.lastRequest = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed: so does the other
      }
      if (!(fromClient && p.partitioned)) {
        p.close(); // a partitioned client's server side stays open until the server answers into it
      }
    }, "cutting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static boolean isCancel(byte[] buf, int n, boolean first) {
    if (first && n >= 8) {
      boolean pg = true;
      for (int i = 0; i < 8; i++) {
        pg &= buf[i] == PG_CANCEL[i];
      }
      if (pg) {
        return true;
      }
    }
    return new String(buf, 0, n, StandardCharsets.ISO_8859_1).toUpperCase(java.util.Locale.ROOT)
        .contains("KILL QUERY");
  }

  private void cutMarked() {
    for (Pair p : pairs) {
      String last = p.lastRequest;
      if (last != null && last.contains(marker)) {
        p.partitioned = true;
        try {
          p.client.close();
        } catch (IOException e) {
          // closing anyway
        }
        cut.countDown();
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    pairs.forEach(Pair::close);
  }

  private static final class Pair {
    final Socket client;
    final Socket db;
    volatile String lastRequest;
    volatile boolean partitioned;

    Pair(Socket client, Socket db) {
      this.client = client;
      this.db = db;
    }

    void close() {
      try {
        client.close();
      } catch (IOException e) {
        // closing anyway
      }
      try {
        db.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
