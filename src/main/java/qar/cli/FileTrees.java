package qar.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** File helpers of the output folder and the checkpoints: deleting a tree, naming a failure. */
final class FileTrees {
    private FileTrees() {
    }

    /** Deletes a file or folder tree without following links; absent is fine. */
    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (NoSuchFileException e) {
            // deleted meanwhile
        }
    }

    static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** A work-folder slot: its lock file and the channel that holds the lock. */
    record Slot(Path lock, java.nio.channels.FileChannel channel) {
    }

    /**
     * The lowest slot {@code root/tmp-K.lock} (K below {@code max}) that neither this JVM
     * ({@code held}, updated) nor a live process holds, locked.
     */
    static Slot claimSlot(Path root, java.util.Set<Path> held, int max) throws IOException {
        synchronized (held) {
            for (int k = 0; k < max; k++) {
                Path lock = root.resolve("tmp-" + k + ".lock");
                if (held.contains(lock)) {
                    continue;
                }
                java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                if (ch.tryLock() == null) {
                    ch.close();
                } else {
                    held.add(lock);
                    return new Slot(lock, ch);
                }
            }
        }
        throw new IOException(max + " runs are writing here");
    }
}
