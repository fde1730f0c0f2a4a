import java.net.*; import java.net.http.*; import java.time.*;
public class T { public static void main(String[] a) throws Exception {
  HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  for (String u : a) {
    long t0=System.nanoTime();
    try { c.send(HttpRequest.newBuilder(URI.create(u)).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()); }
    catch (Exception e) { System.out.println(u+" after "+(System.nanoTime()-t0)/1000000+"ms"); for (Throwable x=e;x!=null;x=x.getCause()) System.out.println("  "+x); }
  }
}}
