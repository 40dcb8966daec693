package dev.pypidb.pipelines.storage;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Beam's S3 client made to talk to S3-compatible stores reached through an endpoint override
 * (S3Proxy, MinIO, Ceph), which {@link StorageSetup} uses when an endpoint is given:
 * <ul>
 *   <li>path-style requests ({@code http://host:port/bucket/key}), not virtual-hosted ones
 *       ({@code http://bucket.host:port/key}), which need DNS for every bucket;
 *   <li>no {@code x-amz-server-side-encryption-bucket-key-enabled: false} header: Beam sends it
 *       on every upload, it only restates S3's default, and stores without SSE-KMS (S3Proxy)
 *       refuse a request that names it ("not implemented").
 * </ul>
 */
public final class S3CompatibleClientFactory implements S3ClientBuilderFactory {
  static final String BUCKET_KEY_HEADER = "x-amz-server-side-encryption-bucket-key-enabled";

  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    return new DefaultS3ClientBuilderFactory().createBuilder(options)
        .forcePathStyle(true)
        .overrideConfiguration(c -> c.addExecutionInterceptor(new DropDefaultBucketKeyHeader()));
  }

  /** Removes the bucket-key header where it only says "false". */
  static final class DropDefaultBucketKeyHeader implements ExecutionInterceptor {
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
      SdkHttpRequest request = context.httpRequest();
      boolean defaultValue = request.firstMatchingHeader(BUCKET_KEY_HEADER).map("false"::equalsIgnoreCase).orElse(false);
      return defaultValue ? request.toBuilder().removeHeader(BUCKET_KEY_HEADER).build() : request;
    }
  }
}
