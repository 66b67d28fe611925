/* timeit.c: two commands timed side by side, alternated in one run.
 *
 * usage: timeit N SETUP_A CMD_A MARK_A SETUP_B CMD_B MARK_B
 *
 * Runs A, then B, N times over (each after its SETUP, which is not timed)
 * and prints one line: the median wall time of A and of B in milliseconds,
 * their ratio, and the largest resident size A and B reached, in MB.
 *
 * A command is its words split at spaces, run directly (no shell), unless
 * it starts with "sh:", which runs the rest with /bin/sh -c. A SETUP is
 * always run by the shell; "" means none. A MARK that is not "" runs the
 * command in an 80x24 pseudo-terminal and times it up to the moment the
 * text MARK shows in what it writes (the first frame); the program is then
 * ended. Without a mark, the time is up to the program's exit. In a
 * command, %i stands for the number of the run (a milestone's name). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
die(const char *what)
{
	perror(what);
	exit(2);
}

static void
run_shell(const char *cmd)
{
	int st;

	if (*cmd == '\0')
		return;
	st = system(cmd);
	if (st != 0) {
		fprintf(stderr, "timeit: setup failed: %s\n", cmd);
		exit(2);
	}
}

static int	 run_number;

static void
exec_command(const char *cmd)
{
	char	*copy, *argv[64], *save = NULL, num[16], *at, *sub;
	int	 n = 0;

	snprintf(num, sizeof num, "%d", run_number);
	if ((at = strstr(cmd, "%i")) != NULL &&
	    (sub = malloc(strlen(cmd) + sizeof num)) != NULL) {
		sprintf(sub, "%.*s%s%s", (int)(at - cmd), cmd, num, at + 2);
		cmd = sub;
	}

	if (strncmp(cmd, "sh:", 3) == 0) {
		execl("/bin/sh", "sh", "-c", cmd + 3, (char *)NULL);
		_exit(127);
	}
	if ((copy = strdup(cmd)) == NULL)
		_exit(127);
	for (char *w = strtok_r(copy, " ", &save); w != NULL && n < 63;
	    w = strtok_r(NULL, " ", &save))
		argv[n++] = w;
	argv[n] = NULL;
	execvp(argv[0], argv);
	_exit(127);
}

/* One run: its wall time in ms; *rss its peak resident size in kB. */
static double
run_once(const char *cmd, const char *mark, long *rss)
{
	struct rusage	 ru;
	double		 t0, t = 0;
	pid_t		 pid;
	int		 st, fd = -1;

	t0 = now_ms();
	if (*mark == '\0') {
		if ((pid = fork()) < 0)
			die("fork");
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);

			if (null >= 0) {
				dup2(null, 1);
				dup2(null, 2);
			}
			exec_command(cmd);
		}
	} else {
		struct winsize ws = { 24, 80, 0, 0 };

		if ((pid = forkpty(&fd, NULL, NULL, &ws)) < 0)
			die("forkpty");
		if (pid == 0) {
			setenv("TERM", "xterm-256color", 1);
			exec_command(cmd);
		}
	}
	if (fd >= 0) {
		char	 seen[65536];
		size_t	 n = 0, mlen = strlen(mark);
		bool	 found = false;

		while (!found) {
			struct pollfd	 p = { fd, POLLIN, 0 };
			ssize_t		 r;

			if (poll(&p, 1, 10000) <= 0) {
				fprintf(stderr, "timeit: no \"%s\" from %s\n",
				    mark, cmd);
				exit(2);
			}
			r = read(fd, seen + n, sizeof seen - 1 - n);
			if (r <= 0) {
				fprintf(stderr, "timeit: %s ended before \"%s\"\n",
				    cmd, mark);
				exit(2);
			}
			n += (size_t)r;
			seen[n] = '\0';
			found = memmem(seen, n, mark, mlen) != NULL;
			if (!found && n > sizeof seen / 2) {
				/* Keep the tail, where the mark may start. */
				memmove(seen, seen + n - mlen, mlen);
				n = mlen;
			}
		}
		t = now_ms() - t0;
		kill(pid, SIGKILL);
	}
	if (wait4(pid, &st, 0, &ru) < 0)
		die("wait4");
	if (fd < 0) {
		t = now_ms() - t0;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			fprintf(stderr, "timeit: %s failed\n", cmd);
			exit(2);
		}
	} else
		close(fd);
	if (ru.ru_maxrss > *rss)
		*rss = ru.ru_maxrss;
	return t;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	double	*ta, *tb, ma, mb;
	long	 rssa = 0, rssb = 0;
	int	 n;

	if (argc != 8 || (n = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: timeit N SETUP_A CMD_A MARK_A SETUP_B "
		    "CMD_B MARK_B\n");
		return 2;
	}
	ta = calloc((size_t)n, sizeof *ta);
	tb = calloc((size_t)n, sizeof *tb);
	if (ta == NULL || tb == NULL)
		die("calloc");
	for (int i = 0; i < n; i++) {
		run_number = i;
		run_shell(argv[2]);
		ta[i] = run_once(argv[3], argv[4], &rssa);
		run_shell(argv[5]);
		tb[i] = run_once(argv[6], argv[7], &rssb);
	}
	qsort(ta, (size_t)n, sizeof *ta, cmp);
	qsort(tb, (size_t)n, sizeof *tb, cmp);
	ma = n % 2 ? ta[n / 2] : (ta[n / 2 - 1] + ta[n / 2]) / 2;
	mb = n % 2 ? tb[n / 2] : (tb[n / 2 - 1] + tb[n / 2]) / 2;
	printf("%.2f %.2f %.2f %.1f %.1f\n", ma, mb, mb > 0 ? ma / mb : 0,
	    rssa / 1024.0, rssb / 1024.0);
	free(ta);
	free(tb);
	return 0;
}
