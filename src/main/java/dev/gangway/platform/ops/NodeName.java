package dev.gangway.platform.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.util.UUID;

/** Names this node in rows that say who holds a lease (the audit sealer's, a webhook sender's). */
public final class NodeName {
  private NodeName() {}

  /**
   * Host name plus a random part, unique per call: two processes on one host never share one. At
   * most 64 characters.
   */
  public static String unique() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "node";
    }
    String n = host + "/" + UUID.randomUUID().toString().substring(0, 8);
    return n.length() > 64 ? n.substring(n.length() - 64) : n;
  }
}
