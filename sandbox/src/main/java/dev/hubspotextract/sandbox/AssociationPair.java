package dev.hubspotextract.sandbox;

/**
 * A many-to-one association between a child type and a parent type, in closed form.
 *
 * <p>Child {@code i} belongs to parent {@code parentOf(i)}, a monotone block function, so the
 * children of a parent are an index range computed arithmetically. By a hash of the child: one
 * child in ten has no parent (so joins see records without links), one in ten also links to the
 * next parent (so the pair is many-to-many). Optionally the first {@code whale} children all belong
 * to parent 0 (a company with more than 1,000 contacts).
 */
final class AssociationPair {
  /** One association type: its HubSpot id, category and label ({@code null} when unlabelled). */
  record Type(int typeId, String category, String label) {}

  final ObjectDef child;
  final ObjectDef parent;
  final Type childToParent;
  final Type childToParentPrimary;
  final Type parentToChild;
  final Type parentToChildPrimary;
  final Type labelChildToParent;
  final Type labelParentToChild;
  private final int ordinal;
  private final long seed;
  private final long whale;

  AssociationPair(
      int ordinal,
      long seed,
      ObjectDef child,
      ObjectDef parent,
      Type childToParent,
      Type childToParentPrimary,
      Type parentToChild,
      Type parentToChildPrimary,
      Type labelChildToParent,
      Type labelParentToChild,
      long whale) {
    this.ordinal = ordinal;
    this.seed = seed;
    this.child = child;
    this.parent = parent;
    this.childToParent = childToParent;
    this.childToParentPrimary = childToParentPrimary;
    this.parentToChild = parentToChild;
    this.parentToChildPrimary = parentToChildPrimary;
    this.labelChildToParent = labelChildToParent;
    this.labelParentToChild = labelParentToChild;
    long nc = child.baseCount;
    long np = parent.baseCount;
    this.whale = whale > 0 && np >= 2 && nc > whale * 2 ? whale : 0;
  }

  private long nc() {
    return child.baseCount;
  }

  private long np() {
    return parent.baseCount;
  }

  /** 0: no parent; 1: a second parent too; otherwise one parent. */
  int shape(long childIndex) {
    if (whale > 0 && childIndex < whale) {
      return 2;
    }
    return Hashing.below(Hashing.hash(seed, 7000 + ordinal, childIndex), 10);
  }

  boolean labelled(long childIndex) {
    return (labelChildToParent != null)
        && Hashing.below(Hashing.hash(seed, 8000 + ordinal, childIndex), 4) == 0;
  }

  long parentOf(long i) {
    if (whale > 0) {
      return i < whale ? 0 : 1 + (i - whale) * (np() - 1) / (nc() - whale);
    }
    return i * np() / nc();
  }

  /** Children whose primary parent is {@code p}: {@code [from, to)}. */
  long[] block(long p) {
    if (p < 0 || p >= np()) {
      return new long[] {0, 0};
    }
    if (whale > 0) {
      if (p == 0) {
        return new long[] {0, whale};
      }
      long m = nc() - whale;
      long k = np() - 1;
      return new long[] {whale + ceilDiv((p - 1) * m, k), whale + ceilDiv(p * m, k)};
    }
    return new long[] {ceilDiv(p * nc(), np()), ceilDiv((p + 1) * nc(), np())};
  }

  boolean usable() {
    return nc() > 0 && np() > 0;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
