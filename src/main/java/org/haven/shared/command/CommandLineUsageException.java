package org.haven.shared.command;

/** Thrown by a command for bad usage; the runner prints the message on one line and exits with status 2. */
public class CommandLineUsageException extends RuntimeException {

    public CommandLineUsageException(String message) {
        super(message);
    }
}
