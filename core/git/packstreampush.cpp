#include "core/git/packstreampush.h"

#include <git2.h>
#include <git2/sys/transport.h>
#include <memory>
#include <QFileInfo>

namespace ferry::git {
namespace {

// The smart transport calls this to make its subtransport; the push needs it again to open the
// receive-pack stream itself.
struct Subtransport
{
    git_smart_subtransport_cb make = nullptr;
    git_smart_subtransport* made = nullptr;
};

int makeSubtransport(git_smart_subtransport** out, git_transport* owner, void* param)
{
    auto* sub = static_cast<Subtransport*>(param);
    const int rc = sub->make(out, owner, nullptr);
    if (rc == 0)
        sub->made = *out;
    return rc;
}

struct TransportFree
{
    void operator()(git_transport* t) const noexcept
    {
        t->close(t);
        t->free(t);
    }
};

int fail(int klass, const QString& message)
{
    git_error_set_str(klass, message.toUtf8().constData());
    return GIT_ERROR;
}

QByteArray hex(const QByteArray& raw)
{
    return raw.isEmpty() ? QByteArray(GIT_OID_HEXSZ, '0') : raw.toHex();
}

QByteArray pktLine(const QByteArray& payload)
{
    return QByteArray::number(payload.size() + 4, 16).rightJustified(4, '0') + payload;
}

// The report-status lines, possibly inside side-band channel 1, and the server's messages on channel 2.
class ReportReader
{
public:
    explicit ReportReader(const git_remote_callbacks& callbacks) : m_callbacks(callbacks) {}

    // Takes bytes from the wire; false with the error set when the server reported an error.
    int take(const QByteArray& bytes)
    {
        m_outer += bytes;
        while (!m_done) {
            QByteArray payload;
            const int rc = next(m_outer, payload);
            if (rc <= 0)
                return rc;
            if (payload.isNull()) {
                m_done = true;
                break;
            }
            const char band = payload.isEmpty() ? '\0' : payload.at(0);
            if (band == 1) {
                m_inner += payload.mid(1);
                QByteArray line;
                while (next(m_inner, line) > 0) {
                    if (!line.isNull())
                        this->line(line);
                }
            } else if (band == 2 && m_callbacks.sideband_progress) {
                if (m_callbacks.sideband_progress(payload.constData() + 1, int(payload.size() - 1),
                                                  m_callbacks.payload) != 0)
                    return fail(GIT_ERROR_NET, QStringLiteral("the push was stopped"));
            } else if (band == 3) {
                return fail(
                    GIT_ERROR_NET,
                    QStringLiteral("the remote failed: %1").arg(QString::fromUtf8(payload.mid(1)).trimmed()));
            } else if (payload.startsWith("ERR ")) {
                return fail(
                    GIT_ERROR_NET,
                    QStringLiteral("the remote failed: %1").arg(QString::fromUtf8(payload.mid(4)).trimmed()));
            } else if (band != 2) {
                line(payload); // a server that ignored side-band-64k
            }
        }
        return 0;
    }
    bool done() const { return m_done; }
    bool unpackOk() const { return m_unpack == "ok"; }
    const QByteArray& unpack() const { return m_unpack; }
    // "ok", or the reason the ref was refused, or empty if the server did not say.
    QByteArray status(const QByteArray& ref) const { return ref == m_ref ? m_status : QByteArray(); }

private:
    // One pkt-line off the front of `buffer`: 1 and the payload (null for a flush), 0 if incomplete,
    // negative with the error set if malformed.
    static int next(QByteArray& buffer, QByteArray& payload)
    {
        if (buffer.size() < 4)
            return 0;
        bool ok = false;
        const int length = buffer.left(4).toInt(&ok, 16);
        if (!ok || (length != 0 && length < 4))
            return fail(GIT_ERROR_NET, QStringLiteral("the remote's answer is not a pkt-line"));
        if (length == 0) {
            buffer.remove(0, 4);
            payload = QByteArray();
            return 1;
        }
        if (buffer.size() < length)
            return 0;
        payload = buffer.mid(4, length - 4);
        if (payload.isNull())
            payload = QByteArray("");
        buffer.remove(0, length);
        return 1;
    }
    void line(QByteArray text)
    {
        if (text.endsWith('\n'))
            text.chop(1);
        if (text.startsWith("unpack ")) {
            m_unpack = text.mid(7);
        } else if (text.startsWith("ok ")) {
            m_ref = text.mid(3);
            m_status = "ok";
        } else if (text.startsWith("ng ")) {
            const qsizetype space = text.indexOf(' ', 3);
            m_ref = text.mid(3, space < 0 ? -1 : space - 3);
            m_status = space < 0 ? QByteArray("refused") : text.mid(space + 1);
        }
    }

    const git_remote_callbacks& m_callbacks;
    QByteArray m_outer, m_inner;
    QByteArray m_unpack, m_ref, m_status;
    bool m_done = false;
};

// The advertised tip of `ref` (20 bytes), or empty when the remote has no such ref.
QByteArray advertised(git_transport* transport, const QString& ref)
{
    const git_remote_head** heads = nullptr;
    size_t count = 0;
    if (transport->ls(&heads, &count, transport) < 0)
        return {};
    const QByteArray wanted = ref.toUtf8();
    for (size_t i = 0; i < count; ++i) {
        if (wanted == heads[i]->name)
            return {reinterpret_cast<const char*>(heads[i]->oid.id), GIT_OID_RAWSZ};
    }
    return {};
}

bool definitionFor(const QString& url, Subtransport& sub, unsigned& rpc)
{
    rpc = 0;
    if (url.startsWith(QStringLiteral("git://"))) {
        sub.make = git_smart_subtransport_git;
    } else if (url.startsWith(QStringLiteral("http://")) || url.startsWith(QStringLiteral("https://"))) {
        sub.make = git_smart_subtransport_http;
        rpc = 1;
    } else if (url.startsWith(QStringLiteral("ssh://")) || url.startsWith(QStringLiteral("ssh+git://")) ||
               url.startsWith(QStringLiteral("git+ssh://")) ||
               // user@host:path, as libgit2 reads it
               (!url.contains(QStringLiteral("://")) && url.contains(u':') && !QFileInfo(url).isDir())) {
        sub.make = git_smart_subtransport_ssh;
    } else {
        return false;
    }
    return true;
}

} // namespace

bool PackStreamPush::supports(const QString& url)
{
    Subtransport sub;
    unsigned rpc = 0;
    return definitionFor(url, sub, rpc);
}

int PackStreamPush::push(git_remote* owner, const git_remote_callbacks& callbacks, const Update& update,
                         const PackSource& pack)
{
    const char* url = git_remote_pushurl(owner) ? git_remote_pushurl(owner) : git_remote_url(owner);
    Subtransport sub;
    git_smart_subtransport_definition definition = {makeSubtransport, 0, &sub};
    if (!definitionFor(QString::fromUtf8(url), sub, definition.rpc))
        return fail(GIT_ERROR_NET, QStringLiteral("not a smart transport"));
    git_transport* raw = nullptr;
    if (const int rc = git_transport_smart(&raw, owner, &definition); rc < 0)
        return rc;
    const std::unique_ptr<git_transport, TransportFree> transport(raw);
    git_remote_connect_options options = GIT_REMOTE_CONNECT_OPTIONS_INIT;
    options.callbacks = callbacks;
    if (const int rc = transport->connect(transport.get(), url, GIT_DIRECTION_PUSH, &options); rc < 0)
        return rc;
    if (!sub.made)
        return fail(GIT_ERROR_NET, QStringLiteral("the transport made no connection"));
    // Someone pushed since our fetch: report it as git does, without sending anything.
    if (advertised(transport.get(), update.ref) != update.oldId) {
        if (callbacks.push_update_reference)
            callbacks.push_update_reference(update.ref.toUtf8().constData(),
                                            "stale info (the remote's branch moved since it was fetched)",
                                            callbacks.payload);
        return 0;
    }
    git_smart_subtransport_stream* stream = nullptr;
    if (const int rc = sub.made->action(&stream, sub.made, url, GIT_SERVICE_RECEIVEPACK); rc < 0)
        return rc;
    // Over HTTP each action is a new request the caller owns; git:// and SSH keep the connection's stream.
    const std::unique_ptr<git_smart_subtransport_stream, void (*)(git_smart_subtransport_stream*)> owned(
        definition.rpc ? stream : nullptr, [](git_smart_subtransport_stream* s) { s->free(s); });

    const QByteArray command =
        pktLine(hex(update.oldId) + ' ' + hex(update.newId) + ' ' + update.ref.toUtf8() + '\0' +
                " report-status side-band-64k agent=ferry\n") +
        "0000";
    if (const int rc = stream->write(stream, command.constData(), size_t(command.size())); rc < 0)
        return rc;
    int wireError = 0;
    qint64 sent = 0;
    const Result<qint64> written = pack([&](const char* data, qsizetype size) -> Status {
        if (const int rc = stream->write(stream, data, size_t(size)); rc < 0) {
            wireError = rc;
            return makeError(ErrorKind::Unavailable, QStringLiteral("the connection failed"));
        }
        sent += size;
        if (callbacks.push_transfer_progress &&
            callbacks.push_transfer_progress(0, 0, size_t(sent), callbacks.payload) != 0) {
            wireError = fail(GIT_ERROR_NET, QStringLiteral("the push was stopped"));
            return makeError(ErrorKind::Unavailable, QStringLiteral("stopped"));
        }
        return Status::success();
    });
    if (wireError < 0)
        return wireError;
    if (!written)
        return fail(GIT_ERROR_ODB, written.message());

    ReportReader report(callbacks);
    QByteArray buffer(qsizetype(64) << 10, Qt::Uninitialized);
    while (!report.done()) {
        size_t got = 0;
        if (const int rc = stream->read(stream, buffer.data(), size_t(buffer.size()), &got); rc < 0)
            return rc;
        if (got == 0)
            return fail(GIT_ERROR_NET, QStringLiteral("the remote hung up before reporting the push"));
        if (const int rc = report.take(buffer.left(qsizetype(got))); rc < 0)
            return rc;
    }
    if (!report.unpackOk())
        return fail(GIT_ERROR_NET, QStringLiteral("the remote could not unpack the pack: %1")
                                       .arg(QString::fromUtf8(report.unpack())));
    const QByteArray status = report.status(update.ref.toUtf8());
    if (status.isEmpty())
        return fail(GIT_ERROR_NET, QStringLiteral("the remote did not report on %1").arg(update.ref));
    if (callbacks.push_update_reference)
        callbacks.push_update_reference(update.ref.toUtf8().constData(),
                                        status == "ok" ? nullptr : status.constData(), callbacks.payload);
    return 0;
}

} // namespace ferry::git
