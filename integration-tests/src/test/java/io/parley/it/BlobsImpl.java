package io.parley.it;

/** The servant behind {@link Blobs}. */
public class BlobsImpl implements Blobs {
    @Override
    public byte[] reversed(byte[] data) {
        byte[] result = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            result[i] = data[data.length - 1 - i];
        }
        return result;
    }
}
