// Starts AWS's DynamoDB Local bound to 127.0.0.1 only: its command line has no host option and
// its Jetty server listens on every interface, so this launcher sets the connector's host
// before starting it, and exits when its parent does. Run in Java's source-file mode by
// scripts/local/emulators/dynamodb.ts.
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector c : server.getConnectors()) {
      if (c instanceof ServerConnector sc) sc.setHost("127.0.0.1");
    }
    proxy.start();
    // Die with the process that started us: it holds our stdin open, and when it is gone,
    // however it ended, stdin reaches end-of-file.
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() != -1) {}
      } catch (java.io.IOException e) {
        // stdin broke: same as end-of-file
      }
      Runtime.getRuntime().halt(0);
    });
    watchdog.setDaemon(true);
    watchdog.start();
    System.out.println("DynamoDB Local listening on 127.0.0.1");
    proxy.join();
  }
}
