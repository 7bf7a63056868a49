/*
 * replay_main.c - main() of every fuzz harness built for make check: feeds
 * each file given, or each file of each directory given, to the harness's
 * LLVMFuzzerTestOneInput(), the entry point libFuzzer and AFL++ drive.  A
 * harness aborts on anything wrong; the sanitizer build turns any memory
 * error into a failure.  Inputs are read whole, up to 4 MiB.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	static uint8_t buf[4 << 20];
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		perror(path);
		return 1;
	}
	size_t n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	LLVMFuzzerTestOneInput(buf, n);
	return 0;
}

/* Every file of `dir` (not recursing); the count of inputs, -1 on error. */
static int replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL) {
		perror(dir);
		return -1;
	}
	int files = 0;
	char path[4096];
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (replay_file(path) != 0) {
			closedir(d);
			return -1;
		}
		files++;
	}
	closedir(d);
	return files;
}

int main(int argc, char **argv)
{
	int inputs = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			int n = replay_dir(argv[i]);
			if (n < 0)
				return 1;
			inputs += n;
		} else if (replay_file(argv[i]) != 0) {
			return 1;
		} else {
			inputs++;
		}
	}
	printf("%s: %d inputs replayed\n", argv[0], inputs);
	return inputs > 0 ? 0 : 1;
}
