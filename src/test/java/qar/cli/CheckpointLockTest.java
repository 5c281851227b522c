package qar.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint.Lock.close() deletes FILE.lock while it holds it. A run that had opened the old file
 * just before could then lock that unlinked file while a third run locked the new one at the path:
 * two holders of one checkpoint. In one JVM a held lock of the same file is
 * OverlappingFileLockException, which lock() treats as held.
 */
class CheckpointLockTest {

    @Test
    void aLockFileReplacedBetweenOpenAndLockIsNotHeldTwice(@TempDir Path dir) throws Exception {
        Path ck = dir.resolve("run.ck");
        Checkpoint.Lock first = Checkpoint.lock("--checkpoint", ck);
        Checkpoint.Lock[] third = new Checkpoint.Lock[1];
        try {
            // the second run opens FILE.lock (the first's file); then the first lets go, deleting
            // it, and a third run creates and locks a new FILE.lock; then the second locks
            UsageException e = assertThrows(UsageException.class, () -> Checkpoint.lock("--checkpoint", ck, () -> {
                if (third[0] == null) {
                    first.close();
                    third[0] = Checkpoint.lock("--checkpoint", ck);
                }
            }));
            assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
        } finally {
            first.close();
            if (third[0] != null) {
                third[0].close();
            }
        }
        assertFalse(Files.exists(Checkpoint.lockFile(ck)), "the lock file outlived its last holder");
        // and once nobody holds it, it is taken at once
        Checkpoint.lock("--checkpoint", ck).close();
    }

    @Test
    void aHeldLockIsRefusedAtOnce(@TempDir Path dir) {
        Path ck = dir.resolve("run.ck");
        try (Checkpoint.Lock held = Checkpoint.lock("--checkpoint", ck)) {
            UsageException e = assertThrows(UsageException.class, () -> Checkpoint.lock("--checkpoint", ck));
            assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
        }
    }
}
