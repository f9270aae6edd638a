package dev.ctxd.cache;

import java.nio.charset.StandardCharsets;

/**
 * The column families of a store, one per concern. Key layouts (all integers big-endian, so
 * byte order equals numeric order and one context's versions are adjacent):
 * <ul>
 *   <li>{@code chunks}: 8-byte digest → raw chunk bytes (in blob files when large);
 *   <li>{@code chunk_index}: the same 8-byte digest → {@link ChunkIndexEntry} (length, stored
 *       at). Written in the same batch as {@code chunks}, so the two hold the same keys; presence
 *       checks read only this family, because a key lookup in {@code chunks} reads the blob;
 *   <li>{@code manifests}: 6-byte context id + 8-byte version → {@link ManifestCodec} bytes;
 *   <li>{@code contexts}: 6-byte context id → {@link ContextCodec} bytes;
 *   <li>{@code chunk_owners}: 8-byte digest + UTF-8 tenant id → empty: the tenant uploaded
 *       those bytes itself (see {@link ChunkOwnership}); deleted with the chunk;
 *   <li>{@code meta}: ASCII name → value ({@code store-id}, {@code format}).
 * </ul>
 */
enum Column {
  CHUNKS("chunks"),
  CHUNK_INDEX("chunk_index"),
  MANIFESTS("manifests"),
  CONTEXTS("contexts"),
  CHUNK_OWNERS("chunk_owners"),
  META("meta");

  final String cfName;

  Column(String cfName) {
    this.cfName = cfName;
  }

  byte[] nameBytes() {
    return cfName.getBytes(StandardCharsets.UTF_8);
  }
}
