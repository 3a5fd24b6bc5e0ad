/* LD_PRELOAD shim for the power-loss test (tests/core/test_store_power_loss.py).
 *
 * After every successful fsync()/fdatasync() of a regular file directly in $FSYNC_WATCH, the
 * file's whole content is copied to $FSYNC_DURABLE/<name>: the "durable image", what a disk
 * would still hold after a power cut. Writes never synced are in the real file only; the test
 * throws them away at the simulated power cut by putting the durable images back.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void snapshot(int fd) {
    const char *watch = getenv("FSYNC_WATCH");
    const char *durable = getenv("FSYNC_DURABLE");
    char link[64], path[PATH_MAX], tmp[PATH_MAX + 32], dst[PATH_MAX + 32];
    struct stat st;
    if (!watch || !durable) return;
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0) return;
    path[n] = 0;
    size_t w = strlen(watch);
    if (strncmp(path, watch, w) != 0 || path[w] != '/' || strchr(path + w + 1, '/')) return;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return;
    const char *name = path + w + 1;
    snprintf(dst, sizeof dst, "%s/%s", durable, name);
    snprintf(tmp, sizeof tmp, "%s/.%s.partial", durable, name);
    int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0) return;
    char buf[65536];
    off_t at = 0;
    ssize_t got;
    while ((got = pread(fd, buf, sizeof buf, at)) > 0) {  /* the fd's own view of the file */
        if (write(out, buf, (size_t)got) != got) { close(out); unlink(tmp); return; }
        at += got;
    }
    close(out);
    if (got < 0) {  /* opened write-only: read it by name instead */
        int in = open(path, O_RDONLY);
        out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || out < 0) { if (in >= 0) close(in); if (out >= 0) close(out); return; }
        while ((got = read(in, buf, sizeof buf)) > 0) if (write(out, buf, (size_t)got) != got) break;
        close(in);
        close(out);
    }
    rename(tmp, dst);
}

int fsync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    int result = real(fd);
    if (result == 0) snapshot(fd);
    return result;
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    int result = real(fd);
    if (result == 0) snapshot(fd);
    return result;
}
