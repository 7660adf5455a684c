/* inbox_cli.h - the command-line side of inbox mode and maintenance
 * (--inbox, --delete, --prune): options, messages on stderr, exit codes.
 * main() hands the whole command line over when one of those is given. */
#ifndef VNS_INBOX_CLI_H
#define VNS_INBOX_CLI_H

/* 1 if argv asks for --inbox, --delete or --prune. */
int vns_inbox_cli_wanted(int argc, char **argv);

/* Run that mode; returns the exit status (0 ok, 1 error, 2 usage,
 * 3 some file failed or some record was skipped, 4 lock not had in time). */
int vns_inbox_cli_main(int argc, char **argv);

#endif
