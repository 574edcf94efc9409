package io.avqa.features.weights.pth;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle reader that builds data, never runs code: the opcodes Python's pickle protocols 2 to 5 use for
 * dicts, lists, tuples, numbers, strings and bytes, with every object construction ({@code GLOBAL} +
 * {@code REDUCE}/{@code NEWOBJ}/{@code BUILD}) and every persistent id handed to {@link PickleObjects}, which
 * knows the few classes a checkpoint may name and refuses the rest.
 *
 * <p>Values: {@code null}, {@link Boolean}, {@link Long} (or {@link BigInteger} beyond 64 bits), {@link Double},
 * {@link String}, {@code byte[]}, {@link List} (a tuple is an unmodifiable list), {@link Map} (insertion
 * ordered), {@link PyGlobal}, and whatever {@link PickleObjects} returns. Reads exactly up to {@code STOP}, so
 * a stream of several pickles (the legacy checkpoint format) can be read one after another. Not thread-safe.
 */
final class Unpickler {
    /** Names a class or function a pickle refers to, e.g. {@code collections.OrderedDict}. */
    record PyGlobal(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    private static final Object MARK = new Object();

    private final InputStream in;
    private final PickleObjects objects;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    Unpickler(InputStream in, PickleObjects objects) {
        this.in = in;
        this.objects = objects;
    }

    /** Reads one pickle, up to and including its {@code STOP}. */
    Object load() throws IOException {
        stack.clear();
        marks.clear();
        memo.clear();
        while (true) {
            int op = in.read();
            switch (op) {
                case -1 -> throw new EOFException("the pickle ends before its STOP opcode");
                case 0x80 -> u1(); // PROTO
                case 0x95 -> bytes(8); // FRAME: a length hint only
                case '.' -> { // STOP
                    return pop();
                }
                case '(' -> { // MARK
                    marks.add(stack.size());
                    stack.add(MARK);
                }
                case '}' -> push(new LinkedHashMap<>()); // EMPTY_DICT
                case ']' -> push(new ArrayList<>()); // EMPTY_LIST
                case ')' -> push(List.of()); // EMPTY_TUPLE
                case 't' -> push(tuple(popMark())); // TUPLE
                case 0x85 -> push(tuple(List.of(pop()))); // TUPLE1
                case 0x86 -> { // TUPLE2
                    Object b = pop();
                    push(tuple(List.of(pop(), b)));
                }
                case 0x87 -> { // TUPLE3
                    Object c = pop();
                    Object b = pop();
                    push(tuple(List.of(pop(), b, c)));
                }
                case 'l' -> push(new ArrayList<>(popMark())); // LIST
                case 'd' -> push(dict(popMark())); // DICT
                case 'a' -> { // APPEND
                    Object v = pop();
                    list(peek()).add(v);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark();
                    list(peek()).addAll(items);
                }
                case 's' -> { // SETITEM
                    Object v = pop();
                    Object k = pop();
                    map(peek()).put(k, v);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark();
                    map(peek()).putAll(dict(items));
                }
                case 'J' -> push((long) le(4).getInt()); // BININT
                case 'K' -> push((long) u1()); // BININT1
                case 'M' -> push((long) (le(2).getShort() & 0xffff)); // BININT2
                case 0x8a -> push(longValue(bytes(u1()))); // LONG1
                case 0x8b -> push(longValue(bytes(le(4).getInt()))); // LONG4
                case 'G' -> push(ByteBuffer.wrap(bytes(8)).getDouble()); // BINFLOAT, big-endian
                case 'N' -> push(null); // NONE
                case 0x88 -> push(Boolean.TRUE); // NEWTRUE
                case 0x89 -> push(Boolean.FALSE); // NEWFALSE
                case 'X' -> push(utf8(le(4).getInt())); // BINUNICODE
                case 0x8c -> push(utf8(u1())); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(length8())); // BINUNICODE8
                case 'T' -> push(latin1(le(4).getInt())); // BINSTRING (Python 2)
                case 'U' -> push(latin1(u1())); // SHORT_BINSTRING (Python 2)
                case 'B' -> push(bytes(le(4).getInt())); // BINBYTES
                case 'C' -> push(bytes(u1())); // SHORT_BINBYTES
                case 0x8e -> push(bytes(length8())); // BINBYTES8
                case 'c' -> push(new PyGlobal(line(), line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    String name = (String) pop();
                    push(new PyGlobal((String) pop(), name));
                }
                case 'R', 0x81 -> { // REDUCE, NEWOBJ: callable(*args), cls.__new__(cls, *args)
                    List<Object> args = list(pop());
                    push(objects.call(callable(pop()), args));
                }
                case 'b' -> { // BUILD: sets the state of the object below it, which stays on the stack
                    Object state = pop();
                    objects.build(peek(), state);
                }
                case 'Q' -> push(objects.persistentLoad(pop())); // BINPERSID
                case 'q' -> memo.put((long) u1(), peek()); // BINPUT
                case 'r' -> memo.put(le(4).getInt() & 0xffffffffL, peek()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'h' -> push(memoized(u1())); // BINGET
                case 'j' -> push(memoized(le(4).getInt() & 0xffffffffL)); // LONG_BINGET
                case '0' -> pop(); // POP
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                default -> throw new IOException(String.format("unsupported pickle opcode 0x%02x: not a checkpoint "
                        + "this reader knows (PyTorch state dicts use pickle protocol 2)", op));
            }
        }
    }

    private static List<Object> tuple(List<Object> items) {
        return java.util.Collections.unmodifiableList(new ArrayList<>(items));
    }

    private static Map<Object, Object> dict(List<Object> keysAndValues) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.size(); i += 2) {
            m.put(keysAndValues.get(i), keysAndValues.get(i + 1));
        }
        return m;
    }

    private static PyGlobal callable(Object o) throws IOException {
        if (o instanceof PyGlobal g) {
            return g;
        }
        throw new IOException("the pickle calls " + describe(o) + ", not a named class or function");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) throws IOException {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IOException("the pickle expects a list or tuple here, found " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> map(Object o) throws IOException {
        if (o instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw new IOException("the pickle sets an item of " + describe(o) + ", not a dict");
    }

    static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    private Object memoized(long key) throws IOException {
        if (!memo.containsKey(key)) {
            throw new IOException("the pickle refers to memo entry " + key + " before storing it");
        }
        return memo.get(key);
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object peek() throws IOException {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw new IOException("malformed pickle: stack empty");
        }
        return stack.get(stack.size() - 1);
    }

    private Object pop() throws IOException {
        Object o = peek();
        stack.remove(stack.size() - 1);
        return o;
    }

    private List<Object> popMark() throws IOException {
        if (marks.isEmpty()) {
            throw new IOException("malformed pickle: no MARK");
        }
        int at = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(at + 1, stack.size()));
        stack.subList(at, stack.size()).clear();
        return items;
    }

    private int u1() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the pickle ends inside an opcode");
        }
        return b;
    }

    private byte[] bytes(int n) throws IOException {
        if (n < 0) {
            throw new IOException("malformed pickle: negative length " + n);
        }
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("the pickle ends inside an opcode");
        }
        return b;
    }

    private int length8() throws IOException {
        return Math.toIntExact(le(8).getLong());
    }

    private ByteBuffer le(int n) throws IOException {
        return ByteBuffer.wrap(bytes(n)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private String utf8(int n) throws IOException {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    private String latin1(int n) throws IOException {
        return new String(bytes(n), StandardCharsets.ISO_8859_1);
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int b = u1(); b != '\n'; b = u1()) {
            s.append((char) b);
        }
        return s.toString();
    }

    /** Python's two's-complement little-endian long (LONG1/LONG4). */
    private static Object longValue(byte[] littleEndian) {
        if (littleEndian.length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        BigInteger v = new BigInteger(bigEndian);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }
}
