package org.spagateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.Task;
import picocli.CommandLine;

/** {@code spa-evaluate}: an unusable panel or recipe is a usage error saying what is wrong, before any work. */
class EvaluationCommandTest {

    @Test
    void aPanelOfAnotherTaskThanTheOneNamedIsAUsageErrorThatSaysWhichTaskToEvaluate(@TempDir Path dir)
            throws Exception {
        Path panel = Files.writeString(dir.resolve("nodule-panel.json"), RaterPanel.defaults(Task.NODULE).toJson());

        Result run = run("--raters", panel.toString(), "--tasks", "optic-cup", "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is a panel of task nodule: evaluate that task alone (--tasks nodule)");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aPanelFileWithAnUnknownFieldIsAUsageErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path panel = Files.writeString(dir.resolve("typo.json"), RaterPanel.defaults(Task.NODULE).toJson()
                .replaceFirst("\"threshold\"", "\"colour\" : \"red\", \"threshold\""));

        Result run = run("--raters", panel.toString(), "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("--raters " + panel + ": cannot read rater panel", "Unrecognized field \"colour\"");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aRecipeOutOfRangeIsAUsageErrorNamingIt(@TempDir Path dir) {
        Result run = run("--recipe", "0.5,0,1", "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--recipe 0.5,0,1: sharpness must be in (0, 16]");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    private record Result(int exitCode, String err) {
    }

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new EvaluationCommand());
        command.setErr(new PrintWriter(err, true));
        command.setOut(new PrintWriter(new StringWriter(), true));
        return new Result(command.execute(args), err.toString());
    }
}
