/*
 * client.c - the xenstore client library (API and transports in xs_client.h).
 *
 * A handle sends one request at a time and reads messages until the reply with the request's
 * req_id arrives; XS_WATCH_EVENT messages read meanwhile are queued for xs_read_watch().
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "libstore/xs_client.h"
#include "libstore/xs_ring.h"

/* One queued watch event. */
struct xs_event {
	struct xs_event *next;
	char *path;
	char *token;
};

struct xs_transport {
	/* Send all @len bytes; 0 or -errno. */
	int (*send)(struct xs_handle *h, const void *data, size_t len);
	/* Receive up to @len bytes, waiting when @wait; count (0: nothing yet) or -errno. */
	int (*recv)(struct xs_handle *h, void *data, size_t len, bool wait);
};

struct xs_handle {
	const struct xs_transport *tp;
	int fd;
	struct xenstore_domain_interface *intf;
	xs_notify_fn notify;
	void *notify_arg;
	uint32_t next_req_id;
	struct xs_reader reader;
	struct xs_msg out;
	char inbuf[XENSTORE_RING_SIZE];
	size_t in_off, in_len; /* unparsed bytes of inbuf */
	struct xs_event *events, **events_tail;
};

/* ---- file descriptor transports (socket and xenbus device) ---- */

static int fd_send(struct xs_handle *h, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(h->fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int fd_recv(struct xs_handle *h, void *data, size_t len, bool wait)
{
	struct pollfd pfd = {.fd = h->fd, .events = POLLIN};
	ssize_t n;

	if (!wait && poll(&pfd, 1, 0) <= 0)
		return 0;
	do
		n = read(h->fd, data, len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return n ? (int)n : -ECONNRESET;
}

static const struct xs_transport fd_transport = {fd_send, fd_recv};

/* ---- ring transport ---- */

static int ring_send(struct xs_handle *h, const void *data, size_t len)
{
	const char *p = data;
	unsigned int idle = 0;

	while (len) {
		int n = xs_ring_write_req(h->intf, p, len);

		if (n < 0)
			return n;
		if (n == 0 && ++idle > XS_RING_MAX_IDLE)
			return -ETIMEDOUT;
		p += n;
		len -= (size_t)n;
		h->notify(h->notify_arg);
	}
	return 0;
}

static int ring_recv(struct xs_handle *h, void *data, size_t len, bool wait)
{
	unsigned int idle = 0;

	for (;;) {
		int n = xs_ring_read_rsp(h->intf, data, len);

		if (n != 0 || !wait)
			return n;
		if (++idle > XS_RING_MAX_IDLE)
			return -ETIMEDOUT;
		h->notify(h->notify_arg);
	}
}

static const struct xs_transport ring_transport = {ring_send, ring_recv};

/* ---- opening and closing ---- */

static int handle_new(const struct xs_transport *tp, struct xs_handle **out)
{
	struct xs_handle *h = calloc(1, sizeof(*h));

	if (!h)
		return -ENOMEM;
	h->tp = tp;
	h->fd = -1;
	h->next_req_id = 1;
	h->events_tail = &h->events;
	xs_reader_init(&h->reader);
	*out = h;
	return 0;
}

/* A handle on open file @fd (closed on failure). */
static int handle_from_fd(int fd, struct xs_handle **out)
{
	int err = handle_new(&fd_transport, out);

	if (err) {
		close(fd);
		return err;
	}
	(*out)->fd = fd;
	return 0;
}

int xs_open_socket(const char *path, struct xs_handle **out)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	int fd, err;

	if (strlen(path) >= sizeof(addr.sun_path))
		return -ENAMETOOLONG;
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	return handle_from_fd(fd, out);
}

int xs_open_dev(const char *path, struct xs_handle **out)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : handle_from_fd(fd, out);
}

/* Connect to @path: a socket when it is one, a device otherwise (Xen's get_handle()). */
static int open_path(const char *path, struct xs_handle **out)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -errno;
	if (S_ISSOCK(st.st_mode))
		return xs_open_socket(path, out);
	return xs_open_dev(path, out);
}

int xs_open(struct xs_handle **out)
{
	const char *env = getenv(XS_PATH_ENV);
	int err = open_path(env ? env : XS_DAEMON_SOCKET, out);

	if (err && !env)
		err = open_path(XS_XENBUS_DEV, out);
	return err;
}

int xs_open_ring(struct xenstore_domain_interface *intf, xs_notify_fn notify, void *arg,
		 struct xs_handle **out)
{
	int err = handle_new(&ring_transport, out);

	if (err)
		return err;
	(*out)->intf = intf;
	(*out)->notify = notify;
	(*out)->notify_arg = arg;
	return 0;
}

static void event_free(struct xs_event *ev)
{
	free(ev->path);
	free(ev->token);
	free(ev);
}

void xs_close(struct xs_handle *h)
{
	if (!h)
		return;
	while (h->events) {
		struct xs_event *ev = h->events;

		h->events = ev->next;
		event_free(ev);
	}
	if (h->fd >= 0)
		close(h->fd);
	free(h);
}

int xs_fileno(const struct xs_handle *h)
{
	return h->fd;
}

/* ---- messages in ---- */

static int queue_event(struct xs_handle *h, const struct xs_msg *m)
{
	const char *vec[2];
	struct xs_event *ev;

	if (xs_get_strings(m->body, m->hdr.len, vec, 2) < 2)
		return 0; /* not a well-formed event: dropped */
	ev = calloc(1, sizeof(*ev));
	if (!ev)
		return -ENOMEM;
	ev->path = strdup(vec[XS_WATCH_PATH]);
	ev->token = strdup(vec[XS_WATCH_TOKEN]);
	if (!ev->path || !ev->token) {
		event_free(ev);
		return -ENOMEM;
	}
	*h->events_tail = ev;
	h->events_tail = &ev->next;
	return 0;
}

/*
 * Read the next whole message into h->reader.msg. Returns 1 with a message, 0 when !@wait and
 * no whole message is there yet, or -errno.
 */
static int next_message(struct xs_handle *h, bool wait)
{
	for (;;) {
		size_t used;
		int rc;

		if (h->in_off == h->in_len) {
			rc = h->tp->recv(h, h->inbuf, sizeof(h->inbuf), wait);
			if (rc <= 0)
				return rc;
			h->in_off = 0;
			h->in_len = (size_t)rc;
		}
		rc = xs_reader_feed(&h->reader, h->inbuf + h->in_off, h->in_len - h->in_off, &used);
		h->in_off += used;
		if (rc < 0)
			return -EIO;
		if (rc == XS_READER_MSG)
			return 1;
	}
}

/* Read messages until the reply to @req_id; events are queued. */
static int wait_reply(struct xs_handle *h, uint32_t req_id)
{
	for (;;) {
		const struct xs_msg *m = &h->reader.msg;
		int rc = next_message(h, true);

		if (rc < 0)
			return rc;
		if (m->hdr.type == XS_WATCH_EVENT) {
			rc = queue_event(h, m);
			if (rc)
				return rc;
			continue;
		}
		if (m->hdr.req_id == req_id)
			return 0;
	}
}

/* ---- requests ---- */

int xs_request(struct xs_handle *h, uint32_t type, uint32_t tx, const struct iovec *parts,
	       unsigned int n, const struct xs_msg **reply)
{
	uint32_t req_id = h->next_req_id++;
	const struct xs_msg *m = &h->reader.msg;
	int rc;

	xs_msg_init(&h->out, type, req_id, tx);
	for (unsigned int i = 0; i < n; i++) {
		rc = xs_msg_add(&h->out, parts[i].iov_base, parts[i].iov_len);
		if (rc)
			return rc;
	}
	rc = h->tp->send(h, &h->out, xs_msg_bytes(&h->out));
	if (!rc)
		rc = wait_reply(h, req_id);
	if (rc)
		return rc;
	if (m->hdr.type == XS_ERROR)
		return -xs_error_from_name(m->body, m->hdr.len);
	if (m->hdr.type != type)
		return -EIO;
	*reply = m;
	return 0;
}

/* Most strings a request of this library carries (XS_CONTROL's command and arguments). */
#define XS_MAX_ARGS 8

/* A request whose payload is the given strings, each with its NUL. */
static int request_strings(struct xs_handle *h, uint32_t type, uint32_t tx, const char *const *strs,
			   unsigned int n, const struct xs_msg **reply)
{
	struct iovec parts[XS_MAX_ARGS];
	const struct xs_msg *dummy;

	if (n > XS_MAX_ARGS)
		return -EINVAL;
	for (unsigned int i = 0; i < n; i++) {
		parts[i].iov_base = (void *)strs[i];
		parts[i].iov_len = strlen(strs[i]) + 1;
	}
	return xs_request(h, type, tx, parts, n, reply ? reply : &dummy);
}

static int request_one(struct xs_handle *h, uint32_t type, uint32_t tx, const char *arg,
		       const struct xs_msg **reply)
{
	return request_strings(h, type, tx, &arg, 1, reply);
}

static int request_domid(struct xs_handle *h, uint32_t type, unsigned int domid,
			 const struct xs_msg **reply)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", domid);
	return request_one(h, type, XS_TX_NONE, buf, reply);
}

/* A copy of a reply's payload with a NUL after it. */
static int copy_body(const struct xs_msg *m, char **out, unsigned int *len)
{
	char *p = malloc(m->hdr.len + 1);

	if (!p)
		return -ENOMEM;
	memcpy(p, m->body, m->hdr.len + 1);
	*out = p;
	if (len)
		*len = m->hdr.len;
	return 0;
}

int xs_read(struct xs_handle *h, uint32_t tx, const char *path, char **value, unsigned int *len)
{
	const struct xs_msg *m;
	int rc = request_one(h, XS_READ, tx, path, &m);

	return rc ? rc : copy_body(m, value, len);
}

int xs_write(struct xs_handle *h, uint32_t tx, const char *path, const void *value,
	     unsigned int len)
{
	struct iovec parts[2] = {
	    {(void *)path, strlen(path) + 1},
	    {(void *)value, len},
	};
	const struct xs_msg *m;

	return xs_request(h, XS_WRITE, tx, parts, 2, &m);
}

int xs_mkdir(struct xs_handle *h, uint32_t tx, const char *path)
{
	return request_one(h, XS_MKDIR, tx, path, NULL);
}

int xs_rm(struct xs_handle *h, uint32_t tx, const char *path)
{
	return request_one(h, XS_RM, tx, path, NULL);
}

/* Turn @len bytes of NUL-terminated names into the xs_directory() array. */
static int names_to_array(const char *data, size_t len, char ***names, unsigned int *num)
{
	unsigned int n = xs_count_strings(data, len);
	char **vec = malloc(n * sizeof(char *) + len + 1);
	char *copy;

	if (!vec)
		return -ENOMEM;
	copy = (char *)(vec + n);
	memcpy(copy, data, len);
	copy[len] = 0;
	xs_get_strings(copy, len, (const char **)vec, n);
	*names = vec;
	*num = n;
	return 0;
}

/* The names gathered by directory_by_parts(): drop the final empty name, free @all. */
static int names_from_parts(char *all, size_t len, char ***names, unsigned int *num)
{
	int rc = names_to_array(all, len ? len - 1 : 0, names, num);

	free(all);
	return rc;
}

/* XS_DIRECTORY_PART from offset 0 until the list's end (an empty name), as libxenstore. */
static int directory_by_parts(struct xs_handle *h, uint32_t tx, const char *path, char ***names,
			      unsigned int *num)
{
	char gen[XS_U64_STRING_MAX] = "", off_str[XS_U64_STRING_MAX];
	char *all = NULL;
	size_t off = 0;

	for (;;) {
		const char *args[2] = {path, off_str};
		const struct xs_msg *m;
		size_t gen_len, part;
		char *grown;
		int rc;

		snprintf(off_str, sizeof(off_str), "%zu", off);
		rc = request_strings(h, XS_DIRECTORY_PART, tx, args, 2, &m);
		if (rc) {
			free(all);
			return rc == -ENOSYS ? -E2BIG : rc;
		}
		gen_len = strnlen(m->body, m->hdr.len);
		if (gen_len >= sizeof(gen) || gen_len == m->hdr.len) {
			free(all);
			return -EIO;
		}
		if (off && strcmp(gen, m->body)) {
			off = 0; /* the node changed between parts: start again */
			continue;
		}
		memcpy(gen, m->body, gen_len + 1);
		part = m->hdr.len - gen_len - 1;
		grown = realloc(all, off + part + 1);
		if (!grown) {
			free(all);
			return -ENOMEM;
		}
		all = grown;
		memcpy(all + off, m->body + gen_len + 1, part);
		off += part;
		/* The last part ends with an extra NUL: an empty name. */
		if (off <= 1 || all[off - 2] == 0)
			break;
	}
	return names_from_parts(all, off, names, num);
}

int xs_directory(struct xs_handle *h, uint32_t tx, const char *path, char ***names,
		 unsigned int *num)
{
	const struct xs_msg *m;
	int rc = request_one(h, XS_DIRECTORY, tx, path, &m);

	if (rc == -E2BIG)
		return directory_by_parts(h, tx, path, names, num);
	return rc ? rc : names_to_array(m->body, m->hdr.len, names, num);
}

int xs_get_perms(struct xs_handle *h, uint32_t tx, const char *path, struct xs_perm **perms,
		 unsigned int *num)
{
	const struct xs_msg *m;
	const char *s;
	unsigned int n;
	int rc = request_one(h, XS_GET_PERMS, tx, path, &m);

	if (rc)
		return rc;
	n = xs_count_strings(m->body, m->hdr.len);
	*perms = calloc(n ? n : 1, sizeof(**perms));
	if (!*perms)
		return -ENOMEM;
	s = m->body;
	for (unsigned int i = 0; i < n; i++, s += strlen(s) + 1) {
		if (xs_perm_parse(s, &(*perms)[i])) {
			free(*perms);
			return -EIO;
		}
	}
	*num = n;
	return 0;
}

int xs_set_perms(struct xs_handle *h, uint32_t tx, const char *path, const struct xs_perm *perms,
		 unsigned int num)
{
	const struct xs_msg *m;
	struct xs_msg *req = malloc(sizeof(*req));
	struct iovec part;
	int rc;

	if (!req)
		return -ENOMEM;
	xs_msg_init(req, XS_SET_PERMS, 0, tx);
	rc = xs_msg_add_string(req, path);
	for (unsigned int i = 0; !rc && i < num; i++) {
		char buf[XS_PERM_STRING_MAX];

		rc = xs_perm_format(&perms[i], buf, sizeof(buf));
		if (rc >= 0)
			rc = xs_msg_add_string(req, buf);
	}
	part.iov_base = req->body;
	part.iov_len = req->hdr.len;
	if (!rc)
		rc = xs_request(h, XS_SET_PERMS, tx, &part, 1, &m);
	free(req);
	return rc;
}

int xs_watch(struct xs_handle *h, const char *path, const char *token)
{
	const char *args[2] = {path, token};

	return request_strings(h, XS_WATCH, XS_TX_NONE, args, 2, NULL);
}

int xs_unwatch(struct xs_handle *h, const char *path, const char *token)
{
	const char *args[2] = {path, token};

	return request_strings(h, XS_UNWATCH, XS_TX_NONE, args, 2, NULL);
}

int xs_reset_watches(struct xs_handle *h)
{
	return request_one(h, XS_RESET_WATCHES, XS_TX_NONE, "", NULL);
}

static int pop_event(struct xs_handle *h, char **path, char **token)
{
	struct xs_event *ev = h->events;

	h->events = ev->next;
	if (!h->events)
		h->events_tail = &h->events;
	*path = ev->path;
	*token = ev->token;
	free(ev);
	return 0;
}

/* Take in messages until an event is queued; @wait says whether to block for them. */
static int fetch_events(struct xs_handle *h, bool wait)
{
	while (!h->events) {
		int rc = next_message(h, wait);

		if (rc <= 0)
			return rc ? rc : -EAGAIN;
		if (h->reader.msg.hdr.type == XS_WATCH_EVENT) {
			rc = queue_event(h, &h->reader.msg);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int xs_read_watch(struct xs_handle *h, char **path, char **token)
{
	int rc = fetch_events(h, true);

	return rc ? rc : pop_event(h, path, token);
}

int xs_check_watch(struct xs_handle *h, char **path, char **token)
{
	int rc = fetch_events(h, false);

	return rc ? rc : pop_event(h, path, token);
}

int xs_transaction_start(struct xs_handle *h, uint32_t *tx)
{
	const struct xs_msg *m;
	char *end;
	int rc = request_one(h, XS_TRANSACTION_START, XS_TX_NONE, "", &m);

	if (rc)
		return rc;
	*tx = (uint32_t)strtoul(m->body, &end, 10);
	return end == m->body ? -EIO : 0;
}

int xs_transaction_end(struct xs_handle *h, uint32_t tx, bool abort)
{
	return request_one(h, XS_TRANSACTION_END, tx, abort ? "F" : "T", NULL);
}

int xs_introduce_domain(struct xs_handle *h, unsigned int domid, uint64_t mfn, unsigned int port)
{
	char d[XS_U64_STRING_MAX], f[XS_U64_STRING_MAX], p[XS_U64_STRING_MAX];
	const char *args[3] = {d, f, p};

	snprintf(d, sizeof(d), "%u", domid);
	snprintf(f, sizeof(f), "%llu", (unsigned long long)mfn);
	snprintf(p, sizeof(p), "%u", port);
	return request_strings(h, XS_INTRODUCE, XS_TX_NONE, args, 3, NULL);
}

int xs_release_domain(struct xs_handle *h, unsigned int domid)
{
	return request_domid(h, XS_RELEASE, domid, NULL);
}

int xs_resume_domain(struct xs_handle *h, unsigned int domid)
{
	return request_domid(h, XS_RESUME, domid, NULL);
}

int xs_set_target(struct xs_handle *h, unsigned int domid, unsigned int target)
{
	char d[16], t[16];
	const char *args[2] = {d, t};

	snprintf(d, sizeof(d), "%u", domid);
	snprintf(t, sizeof(t), "%u", target);
	return request_strings(h, XS_SET_TARGET, XS_TX_NONE, args, 2, NULL);
}

int xs_get_domain_path(struct xs_handle *h, unsigned int domid, char **path)
{
	const struct xs_msg *m;
	int rc = request_domid(h, XS_GET_DOMAIN_PATH, domid, &m);

	return rc ? rc : copy_body(m, path, NULL);
}

int xs_is_domain_introduced(struct xs_handle *h, unsigned int domid, bool *yes)
{
	const struct xs_msg *m;
	int rc = request_domid(h, XS_IS_DOMAIN_INTRODUCED, domid, &m);

	if (rc)
		return rc;
	*yes = m->hdr.len > 0 && m->body[0] == 'T';
	return 0;
}

int xs_control(struct xs_handle *h, const char *const *args, unsigned int n, char **reply)
{
	const struct xs_msg *m;
	int rc = request_strings(h, XS_CONTROL, XS_TX_NONE, args, n, &m);

	if (rc || !reply)
		return rc;
	return copy_body(m, reply, NULL);
}
