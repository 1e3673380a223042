package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Ticket attachments on disk (guanxi.service.attachments.dir), streamed, never held in memory whole. The type is
 * decided by the file's first bytes (magic numbers), and the name's extension must fit it; files are stored under a
 * generated name, so a client's file name never becomes a path.
 */
@Service
public class Attachments {

    /** Allowed types: content type → magic bytes (null: text, checked as UTF-8 without control characters) and extensions. */
    private record Kind(String contentType, byte[] magic, List<String> extensions) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("application/pdf", "%PDF-".getBytes(StandardCharsets.US_ASCII), List.of("pdf")),
            new Kind("image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, List.of("png")),
            new Kind("image/jpeg", new byte[]{(byte) 0xff, (byte) 0xd8, (byte) 0xff}, List.of("jpg", "jpeg")),
            new Kind("image/gif", "GIF8".getBytes(StandardCharsets.US_ASCII), List.of("gif")),
            new Kind("text/plain", null, List.of("txt", "log", "csv")));
    private static final int SNIFF = 4096;

    private final JdbcClient jdbc;
    private final TicketService tickets;
    private final AuditTrail audit;
    private final Path dir;
    private final long maxBytes;

    Attachments(JdbcClient jdbc, TicketService tickets, AuditTrail audit,
                @Value("${guanxi.service.attachments.dir:./data/attachments}") String dir,
                @Value("${guanxi.service.attachments.max-size:10MB}") DataSize maxSize) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.audit = audit;
        this.dir = Path.of(dir).toAbsolutePath().normalize();
        this.maxBytes = maxSize.toBytes();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** A stored file to send: its record and an open stream the caller closes. */
    public record Download(TicketAttachment attachment, InputStream content) {

        /** The file as a download: its checked type, never rendered inline, the name encoded (RFC 6266). */
        public org.springframework.http.ResponseEntity<org.springframework.core.io.InputStreamResource> asResponse() {
            return org.springframework.http.ResponseEntity.ok()
                    .contentType(org.springframework.http.MediaType.parseMediaType(attachment.contentType()))
                    .contentLength(attachment.sizeBytes())
                    .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                            org.springframework.http.ContentDisposition.attachment()
                                    .filename(attachment.fileName(), StandardCharsets.UTF_8).build().toString())
                    .header("X-Content-Type-Options", "nosniff")
                    .body(new org.springframework.core.io.InputStreamResource(content));
        }
    }

    @Transactional
    public TicketAttachment add(long ticketId, String originalName, InputStream content) {
        CurrentUser user = CurrentUser.get();
        tickets.get(ticketId);
        String name = safeName(originalName);
        String stored = UUID.randomUUID().toString().replace("-", "");
        Path target = dir.resolve(stored);
        long size;
        Kind kind;
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "upload-", ".part");
            try {
                size = copyAtMost(content, temp, maxBytes);
                kind = detect(temp, name);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            long id = jdbc.sql("""
                            INSERT INTO ticket_attachments (ticket_id, file_name, stored_name, content_type, size_bytes, uploaded_by)
                            VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                    .params(ticketId, name, stored, kind.contentType(), size, user.id()).query(Long.class).single();
            audit.record("ticket", ticketId, AuditAction.UPDATE, Map.of("attachment", new Change(null, name)), name);
            return find(ticketId, id).orElseThrow();
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    @Transactional(readOnly = true)
    public List<TicketAttachment> list(long ticketId) {
        tickets.get(ticketId);
        return jdbc.sql("SELECT * FROM ticket_attachments WHERE ticket_id = ? ORDER BY uploaded_at, id")
                .param(ticketId).query(Attachments::map).list();
    }

    @Transactional(readOnly = true)
    public Download open(long ticketId, long attachmentId) {
        tickets.get(ticketId);
        TicketAttachment a = find(ticketId, attachmentId)
                .orElseThrow(() -> new NotFoundException("Attachment", attachmentId));
        Path file = dir.resolve(a.storedName()).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
            throw new NotFoundException("Attachment", attachmentId);
        }
        try {
            return new Download(a, Files.newInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<TicketAttachment> find(long ticketId, long id) {
        return jdbc.sql("SELECT * FROM ticket_attachments WHERE ticket_id = ? AND id = ?").params(ticketId, id)
                .query(Attachments::map).optional();
    }

    /** Copies at most {@code limit} bytes; a larger file is rejected as soon as the limit is passed. */
    private static long copyAtMost(InputStream in, Path to, long limit) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(to)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw new InvalidInputException("file", "ticket.attachment.too-large",
                            DataSize.ofBytes(limit).toMegabytes() + " MB");
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw new InvalidInputException("file", "ticket.attachment.empty");
        }
        return total;
    }

    private static Kind detect(Path file, String name) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF);
        }
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        for (Kind k : KINDS) {
            boolean matches = k.magic() == null ? isText(head) : startsWith(head, k.magic());
            if (matches && k.extensions().contains(ext)) {
                return k;
            }
        }
        throw new InvalidInputException("file", "ticket.attachment.type");
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(Arrays.copyOf(data, prefix.length), prefix);
    }

    /** UTF-8 text without control characters other than tab, CR, LF (a cut multi-byte character at the end is fine). */
    private static boolean isText(byte[] head) {
        for (byte b : head) {
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7f) {
                return false;
            }
        }
        // not the end of input: a multi-byte character cut at the sniffing limit is not an error
        return !StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(head), java.nio.CharBuffer.allocate(head.length), false).isError();
    }

    /** The file name as shown and offered on download: no directories, no control characters, at most 255 chars. */
    static String safeName(String original) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new InvalidInputException("file", "ticket.attachment.name");
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // an orphan file is harmless: it has no row and no name anyone knows
        }
    }

    private static TicketAttachment map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new TicketAttachment(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("file_name"),
                rs.getString("stored_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                rs.getLong("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant());
    }
}
