package dev.outpost.store.verify;

import java.util.List;

/**
 * What {@code verify} checked and found: counts, bytes hashed, the faults (the first
 * {@link StoreVerifier#MAX_LISTED} listed, the rest counted in {@code moreFaults}), and whether it repaired.
 */
public record VerifyReport(long blobs, long bytesHashed, long manifests, long tags, List<Fault> faults,
    long moreFaults, boolean repair) {
  public VerifyReport {
    faults = List.copyOf(faults);
  }

  public long faultCount() {
    return faults.size() + moreFaults;
  }

  public boolean clean() {
    return faultCount() == 0;
  }

  public String summary() {
    return "verified " + blobs + " blobs (" + bytesHashed + " bytes hashed), " + manifests + " manifests, " + tags
        + " tags: " + (clean() ? "no faults" : faultCount() + " fault(s)" + (repair ? ", repaired (quarantined files are in"
        + " <storage>/quarantine/; the next sync fetches what was dropped)" : "; 'outpost verify --repair' quarantines"
        + " them and drops what depends on them, and the next sync fetches them again"));
  }
}
