package dev.hubspotextract.sandbox;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The links added to and removed from the pairs' closed form since start, as edges between a child
 * and a parent index. Each edge is kept under both its ends, so the two directions of a pair always
 * read the same edits. Nothing is kept for records whose links were never edited.
 */
final class LinkEdits {
  /** One end of an edge: a record on the child or the parent side of a pair. */
  private record End(AssociationPair pair, boolean child, long index) {}

  private final Map<End, Set<Long>> added = new ConcurrentHashMap<>();
  private final Map<End, Set<Long>> removed = new ConcurrentHashMap<>();

  boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty();
  }

  /** The indices on the other side linked to this record beyond the closed form. */
  Set<Long> added(AssociationPair pair, boolean fromChild, long index) {
    return added.getOrDefault(new End(pair, fromChild, index), Set.of());
  }

  /** The indices on the other side the closed form links this record to that are unlinked. */
  Set<Long> removed(AssociationPair pair, boolean fromChild, long index) {
    return removed.getOrDefault(new End(pair, fromChild, index), Set.of());
  }

  /** Links a child and a parent that are not linked now. */
  synchronized void link(AssociationPair pair, long child, long parent) {
    if (!take(removed, pair, child, parent)) {
      put(added, pair, child, parent);
    }
  }

  /** Unlinks a child and a parent that are linked now. */
  synchronized void unlink(AssociationPair pair, long child, long parent) {
    if (!take(added, pair, child, parent)) {
      put(removed, pair, child, parent);
    }
  }

  private static void put(
      Map<End, Set<Long>> edges, AssociationPair pair, long child, long parent) {
    edges.compute(new End(pair, true, child), (end, set) -> with(set, parent));
    edges.compute(new End(pair, false, parent), (end, set) -> with(set, child));
  }

  /** Drops an edge; false when it was not there. */
  private static boolean take(
      Map<End, Set<Long>> edges, AssociationPair pair, long child, long parent) {
    if (!edges.getOrDefault(new End(pair, true, child), Set.of()).contains(parent)) {
      return false;
    }
    edges.computeIfPresent(new End(pair, true, child), (end, set) -> without(set, parent));
    edges.computeIfPresent(new End(pair, false, parent), (end, set) -> without(set, child));
    return true;
  }

  // readers iterate the sets without a lock: each is replaced, never changed in place
  private static Set<Long> with(Set<Long> set, long index) {
    Set<Long> copy = set == null ? new HashSet<>() : new HashSet<>(set);
    copy.add(index);
    return Set.copyOf(copy);
  }

  private static Set<Long> without(Set<Long> set, long index) {
    Set<Long> copy = new HashSet<>(set);
    copy.remove(index);
    return copy.isEmpty() ? null : Set.copyOf(copy);
  }
}
