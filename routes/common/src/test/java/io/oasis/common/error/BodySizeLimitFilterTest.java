package io.oasis.common.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletRequest;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Which requests the limit wraps: those whose body has no declared length. */
class BodySizeLimitFilterTest {

    private final BodySizeLimitFilter filter = new BodySizeLimitFilter(8, new ProblemWriter(new ObjectMapper()));

    @Test
    void aRequestWithoutBodyPassesAsItIs() throws Exception {
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/api/v1/samples/1");
        assertThat(passed(get)).isSameAs(get);
    }

    @Test
    void aChunkedBodyIsStillCountedWhileItIsRead() throws Exception {
        // A chunked request declares no length (MockHttpServletRequest would report its content's).
        MockHttpServletRequest post = new MockHttpServletRequest("POST", "/api/v1/samples") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        post.addHeader("Transfer-Encoding", "chunked");
        post.setContent("{\"name\":\"far too long\"}".getBytes(StandardCharsets.UTF_8));

        ServletRequest passed = passed(post);
        assertThat(passed).isNotSameAs(post);
        Reader reader = passed.getReader();
        assertThatThrownBy(() -> reader.read(new char[64])).isInstanceOf(PayloadTooLargeException.class);
    }

    private ServletRequest passed(MockHttpServletRequest request) throws Exception {
        AtomicReference<ServletRequest> passed = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.set(req));
        return passed.get();
    }
}
