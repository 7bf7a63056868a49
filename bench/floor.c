/*
 * floor.c - the benchmark's floor: the cheapest possible pass over a
 * capture with libpcap.  Opens the file with pcap_open_offline() and
 * calls pcap_next_ex() for every packet, doing nothing with it but
 * counting packets and summing caplen (so the compiler cannot drop the
 * loop).  tcpview can never be faster than this on the same file; the
 * benchmark reports every mode as a multiple of this time.
 *
 * Build: cc -O2 floor.c -o floor -lpcap
 * Usage: floor FILE   (prints "PACKETS packets, BYTES bytes captured")
 */
#include <pcap.h>
#include <stdint.h>
#include <stdio.h>

int
main(int argc, char **argv)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *hdr;
	const u_char *data;
	uint64_t packets = 0, bytes = 0;
	unsigned sink = 0;
	pcap_t *p;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}
	p = pcap_open_offline(argv[1], errbuf);
	if (p == NULL) {
		fprintf(stderr, "floor: %s\n", errbuf);
		return 1;
	}
	while ((rc = pcap_next_ex(p, &hdr, &data)) == 1) {
		packets++;
		bytes += hdr->caplen;
		if (hdr->caplen > 0)
			sink += data[0];
	}
	if (rc == PCAP_ERROR) {
		fprintf(stderr, "floor: %s\n", pcap_geterr(p));
		pcap_close(p);
		return 1;
	}
	pcap_close(p);
	printf("%llu packets, %llu bytes captured (%u)\n",
	    (unsigned long long)packets, (unsigned long long)bytes, sink & 1);
	return 0;
}
