package dev.hubspotextract.extract;

import dev.hubspotextract.client.HubSpotClient;
import java.util.Objects;

/**
 * Turns a {@link PullRequest} into a {@link Plan} before any record is read: {@link ObjectResolver}
 * finds the objects and pairs, {@link PropertyDiscovery} reads their properties, {@link
 * PlanAssembly} decides columns and read modes. What the server says can still fail the plan (an
 * unknown object or property); the request itself was checked by whoever built it.
 */
public final class Planner {
  private final HubSpotClient client;
  private final String source;

  public Planner(HubSpotClient client, String source) {
    this.client = Objects.requireNonNull(client, "client is null");
    this.source = Objects.requireNonNull(source, "source is null");
  }

  public Plan plan(PullRequest request) {
    NotHubSpot notHubSpot = new NotHubSpot(source);
    ObjectResolver.Resolved resolved = new ObjectResolver(client, notHubSpot).resolve(request);
    PropertyDiscovery.Found found =
        new PropertyDiscovery(client, notHubSpot, request.sensitivity())
            .discover(resolved.objects());
    return new PlanAssembly(client.objects()).assemble(source, request, resolved, found);
  }
}
