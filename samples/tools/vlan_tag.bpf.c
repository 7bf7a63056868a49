/* tc (cls_bpf, direct-action) program used by make-vlan.sh and make-qinq.sh.
 *
 * This sandbox's kernel has no 802.1Q driver (ip link ... type vlan fails)
 * and no act_vlan, so the tags are pushed and popped by the kernel's own
 * bpf_skb_vlan_push()/bpf_skb_vlan_pop() helpers (the code behind
 * skb_vlan_push/skb_vlan_pop) on the two ends of a veth pair:
 *   egress:  push INNER_ID (802.1Q), then OUTER_ID (802.1ad) if given
 *   ingress: pop every tag (after packet sockets, i.e. tcpdump, saw them)
 * Compile: clang -O2 -target bpf -c vlan_tag.bpf.c -DINNER_ID=100 [-DOUTER_ID=200]
 * No kernel headers needed: helper ids are from include/uapi/linux/bpf.h.
 */
#define SEC(name) __attribute__((section(name), used))

static long (*bpf_skb_vlan_push)(void *skb, unsigned short proto, unsigned short tci) = (void *)18;
static long (*bpf_skb_vlan_pop)(void *skb) = (void *)19;

#define TC_ACT_OK 0
#define TC_ACT_SHOT 2
#define HTONS(x) ((unsigned short)((((x) & 0xff) << 8) | (((x) >> 8) & 0xff)))
#define ETH_P_8021Q 0x8100
#define ETH_P_8021AD 0x88A8

SEC("egress")
int tag(void *skb)
{
    if (bpf_skb_vlan_push(skb, HTONS(ETH_P_8021Q), INNER_ID))
        return TC_ACT_SHOT;
#ifdef OUTER_ID
    if (bpf_skb_vlan_push(skb, HTONS(ETH_P_8021AD), OUTER_ID))
        return TC_ACT_SHOT;
#endif
    return TC_ACT_OK;
}

SEC("ingress")
int untag(void *skb)
{
    if (bpf_skb_vlan_pop(skb))
        return TC_ACT_SHOT;
#ifdef OUTER_ID
    if (bpf_skb_vlan_pop(skb))
        return TC_ACT_SHOT;
#endif
    return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
