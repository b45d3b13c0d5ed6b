package io.shopdr.agent.stack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a stack's outputs through the pulumi CLI ({@code pulumi stack output --stack S --json --show-secrets}).
 * Thin glue only: everything else works from a saved document via {@link StackOutputs#parse}.
 */
public final class PulumiStackOutputs {
    private PulumiStackOutputs() {
    }

    /** The pulumi executable on PATH, if any. */
    public static java.util.Optional<Path> cli() {
        String path = System.getenv("PATH");
        if (path == null) return java.util.Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "pulumi");
            if (Files.isExecutable(p)) return java.util.Optional.of(p);
        }
        return java.util.Optional.empty();
    }

    /** Runs the pulumi CLI for {@code stack} and parses its outputs. */
    public static StackOutputs fetch(Path pulumi, String stack) {
        List<String> cmd = List.of(pulumi.toString(), "stack", "output", "--stack", stack, "--json", "--show-secrets");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StackOutputsException("pulumi stack output --stack " + stack + " did not finish within 120 s");
            }
            if (p.exitValue() != 0) {
                throw new StackOutputsException("pulumi stack output --stack " + stack + " failed (exit " + p.exitValue() + "): "
                        + (err.isEmpty() ? "no message" : err.lines().findFirst().orElse(err))
                        + ". Check the stack name and that you are logged in (pulumi login), or pass --outputs FILE");
            }
            return StackOutputs.parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StackOutputsException("cannot run " + pulumi + ": " + e.getMessage() + "; pass --outputs FILE instead");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackOutputsException("interrupted while reading the stack outputs");
        }
    }
}
