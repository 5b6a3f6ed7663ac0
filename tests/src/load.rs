//! A small HTTP/1.1 load generator for the benchmarks, in the manner of
//! `wrk`: a fixed number of keep-alive connections, each sending its own
//! request again as soon as the previous answer has been read whole, for a
//! fixed time. Responses are framed (`Content-Length` or chunked) but never
//! decoded, so the generator spends as little of the machine's CPU as it can
//! beside the server it measures.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What a run saw.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Answers with the expected status.
    pub ok: u64,
    /// Answers with another status (the first such status is kept).
    pub other: u64,
    pub other_status: Option<u16>,
    /// Connections that failed (reset, closed mid-answer) and were opened again.
    pub broken: u64,
    /// Body bytes read (as sent: compressed when the server compressed).
    pub body_bytes: u64,
    pub elapsed: Duration,
    /// Every answer's time, sorted.
    pub latencies: Vec<Duration>,
    /// The `Content-Encoding` of the first answer, if any.
    pub encoding: Option<String>,
}

impl Report {
    pub fn per_second(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64()
    }

    /// The `p`-th quantile of the answers' times (0 if none).
    pub fn quantile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let i = ((self.latencies.len() as f64 * p) as usize).min(self.latencies.len() - 1);
        self.latencies[i]
    }

    /// Mean body bytes per answer.
    pub fn mean_body(&self) -> f64 {
        self.body_bytes as f64 / (self.ok + self.other).max(1) as f64
    }
}

/// A GET request for `path` with `headers` (`Name: value` lines without the
/// line ends), keep-alive.
pub fn get(host: SocketAddr, path: &str, headers: &[String]) -> Vec<u8> {
    let mut r = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n");
    for h in headers {
        r.push_str(h);
        r.push_str("\r\n");
    }
    r.push_str("\r\n");
    r.into_bytes()
}

/// Runs `requests.len()` connections to `addr` for `duration`, connection
/// `i` sending `requests[i]` over and over; counts answers of status `expect`.
pub async fn run(
    addr: SocketAddr,
    requests: Vec<Vec<u8>>,
    expect: u16,
    duration: Duration,
) -> Report {
    let started = Instant::now();
    let stop = started + duration;
    let mut tasks = Vec::new();
    for request in requests {
        let request = Arc::new(request);
        tasks.push(tokio::spawn(async move {
            let mut report = Report::default();
            let mut buf = Vec::with_capacity(64 * 1024);
            'connect: while Instant::now() < stop {
                let Ok(mut stream) = TcpStream::connect(addr).await else {
                    report.broken += 1;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                };
                let _ = stream.set_nodelay(true);
                buf.clear();
                while Instant::now() < stop {
                    let t0 = Instant::now();
                    if stream.write_all(&request).await.is_err() {
                        report.broken += 1;
                        continue 'connect;
                    }
                    match read_answer(&mut stream, &mut buf).await {
                        Some(a) => {
                            report.latencies.push(t0.elapsed());
                            report.body_bytes += a.body as u64;
                            if report.encoding.is_none() {
                                report.encoding = a.encoding;
                            }
                            if a.status == expect {
                                report.ok += 1;
                            } else {
                                report.other += 1;
                                if report.other_status.is_none() {
                                    report.other_status = Some(a.status);
                                }
                            }
                            if a.close {
                                continue 'connect;
                            }
                        }
                        None => {
                            report.broken += 1;
                            continue 'connect;
                        }
                    }
                }
            }
            report
        }));
    }
    let mut all = Report::default();
    for t in tasks {
        let r = t.await.expect("a load connection");
        all.ok += r.ok;
        all.other += r.other;
        if all.other_status.is_none() {
            all.other_status = r.other_status;
        }
        all.broken += r.broken;
        all.body_bytes += r.body_bytes;
        all.latencies.extend(r.latencies);
        if all.encoding.is_none() {
            all.encoding = r.encoding;
        }
    }
    all.elapsed = started.elapsed();
    all.latencies.sort();
    all
}

struct Answer {
    status: u16,
    body: usize,
    encoding: Option<String>,
    close: bool,
}

/// Reads one whole answer from `stream`; `buf` holds what was read past it.
async fn read_answer(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Answer> {
    // The head.
    let head_end = loop {
        if let Some(i) = find(buf, b"\r\n\r\n") {
            break i + 4;
        }
        if fill(stream, buf).await? == 0 {
            return None;
        }
    };
    let head = std::str::from_utf8(&buf[..head_end]).ok()?.to_string();
    buf.drain(..head_end);
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let (mut length, mut chunked, mut encoding, mut close) = (None, false, None, false);
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.parse::<usize>().ok(),
            "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
            "content-encoding" => encoding = Some(value.to_string()),
            "connection" => close = value.eq_ignore_ascii_case("close"),
            _ => {}
        }
    }
    // The body.
    let body = if chunked {
        let mut total = 0;
        loop {
            let line_end = loop {
                if let Some(i) = find(buf, b"\r\n") {
                    break i;
                }
                if fill(stream, buf).await? == 0 {
                    return None;
                }
            };
            let size_text = std::str::from_utf8(&buf[..line_end]).ok()?;
            let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
            buf.drain(..line_end + 2);
            // The chunk and its CRLF (the last chunk: no trailers are sent).
            while buf.len() < size + 2 {
                if fill(stream, buf).await? == 0 {
                    return None;
                }
            }
            buf.drain(..size + 2);
            total += size;
            if size == 0 {
                break total;
            }
        }
    } else {
        let n = length.unwrap_or(0);
        while buf.len() < n {
            if fill(stream, buf).await? == 0 {
                return None;
            }
        }
        buf.drain(..n);
        n
    };
    Some(Answer {
        status,
        body,
        encoding,
        close,
    })
}

async fn fill(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<usize> {
    let mut chunk = [0u8; 16 * 1024];
    let n = stream.read(&mut chunk).await.ok()?;
    buf.extend_from_slice(&chunk[..n]);
    Some(n)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
