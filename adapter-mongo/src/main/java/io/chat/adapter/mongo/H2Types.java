package io.chat.adapter.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * How the H2 file keeps documents and unique-index keys: as BSON. The stock backend leaves both to
 * H2's {@code ObjectDataType}, which falls back to Java serialization (a new {@code
 * ObjectOutputStream} per object), and compares index keys by serializing them on every step of a
 * binary search; that was most of the CPU of a durable send (docs/benchmarks.md).
 */
final class H2Types {
  /** Marks an absent field in an index key, which BSON has no type for. */
  private static final byte MISSING = (byte) 0x7F;

  private H2Types() {}

  /** Whole documents, as the BSON the wire carries them in. */
  static final class Documents extends BasicDataType<Document> {
    static final Documents INSTANCE = new Documents();

    @Override
    public int getMemory(Document document) {
      // An estimate (it sizes pages and the cache), cheap to take: no encoding.
      return 64 + 48 * document.size();
    }

    @Override
    public void write(WriteBuffer out, Document document) {
      ByteBuf encoded = Unpooled.buffer(256);
      try {
        BsonEncoder.encodeDocument(document, encoded);
        out.put(encoded.nioBuffer());
      } finally {
        encoded.release();
      }
    }

    @Override
    public Document read(ByteBuffer in) {
      // BSON starts with its own length, little-endian.
      int length = Integer.reverseBytes(in.getInt(in.position()));
      ByteBuffer slice = in.slice();
      slice.limit(length);
      in.position(in.position() + length);
      return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
    }

    @Override
    public Document[] createStorage(int size) {
      return new Document[size];
    }
  }

  /**
   * Unique-index keys: each value as its BSON type and bytes. Ordered by MongoDB's value order, so
   * that a lookup compares values instead of serialized bytes.
   */
  static final class IndexKeys extends BasicDataType<KeyValue> {
    static final IndexKeys INSTANCE = new IndexKeys();
    private static final Comparator<Object> ORDER = ValueComparator.ascWithoutListHandling();

    @Override
    public int getMemory(KeyValue key) {
      return 32 + 32 * key.size();
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
      int shared = Math.min(a.size(), b.size());
      for (int i = 0; i < shared; i++) {
        int order = ORDER.compare(a.get(i), b.get(i));
        if (order != 0) {
          return order;
        }
      }
      return Integer.compare(a.size(), b.size());
    }

    @Override
    public void write(WriteBuffer out, KeyValue key) {
      ByteBuf encoded = Unpooled.buffer(64);
      try {
        encoded.writeByte(key.size());
        for (Object value : key) {
          if (value instanceof Missing) {
            encoded.writeByte(MISSING);
          } else {
            byte type = BsonEncoder.determineType(value);
            encoded.writeByte(type);
            BsonEncoder.encodeValue(type, value, encoded);
          }
        }
        out.putVarInt(encoded.readableBytes());
        out.put(encoded.nioBuffer());
      } finally {
        encoded.release();
      }
    }

    @Override
    public KeyValue read(ByteBuffer in) {
      int length = DataUtils.readVarInt(in);
      ByteBuffer slice = in.slice();
      slice.limit(length);
      in.position(in.position() + length);
      ByteBuf encoded = Unpooled.wrappedBuffer(slice);
      int size = encoded.readUnsignedByte();
      List<Object> values = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        byte type = encoded.readByte();
        values.add(
            type == MISSING ? Missing.getInstance() : BsonDecoder.decodeValue(type, encoded));
      }
      return new KeyValue(values);
    }

    @Override
    public KeyValue[] createStorage(int size) {
      return new KeyValue[size];
    }
  }
}
