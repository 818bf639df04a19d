//! A real HTTP receiver on loopback for webhook tests: it records every request it gets and
//! answers each as the test scripted (a status, a `Retry-After`, a redirect, a hang, a closed
//! connection).

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How the receiver answers one request.
#[derive(Debug, Clone)]
pub enum Reply {
    Status(u16),
    /// A status with a `Retry-After` in seconds.
    RetryAfter(u16, u64),
    /// A `302` to `location`.
    Redirect(String),
    /// Waits this long before answering 200 (longer than the sender's timeout: a hang).
    Hang(Duration),
    /// Closes the connection without a word.
    Close,
    /// A status with this body (bytes as given, NUL included).
    Body(u16, String),
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: String,
    pub at: Instant,
    pub peer_port: u16,
    /// Which of the processes named in [`Receiver::identify_senders`] sent it.
    pub sender: Option<u32>,
}

impl Received {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|err| panic!("not JSON ({err}): {}", self.body))
    }
}

#[derive(Default)]
struct State {
    received: Vec<Received>,
    /// Scripted replies, consumed in order; afterwards `200`.
    script: VecDeque<Reply>,
    /// Peer ports of requests received and not answered yet.
    open: HashSet<u16>,
    /// Processes a request may come from, told apart by the socket the request came on.
    senders: Vec<u32>,
}

/// The receiver; it runs until the process ends.
#[derive(Clone)]
pub struct Receiver {
    pub url: String,
    state: Arc<Mutex<State>>,
}

impl Receiver {
    pub fn start() -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the receiver");
        let url = format!("http://{}", listener.local_addr().expect("receiver address"));
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || serve(stream, &shared));
            }
        });
        Receiver { url, state }
    }

    /// The next requests get these replies, in order (then 200 again).
    pub fn script(&self, replies: impl IntoIterator<Item = Reply>) {
        self.state.lock().expect("receiver lock").script.extend(replies);
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.lock().expect("receiver lock").received.clone()
    }

    /// From now on, notes which of these processes sent each request.
    pub fn identify_senders(&self, pids: impl IntoIterator<Item = u32>) {
        self.state.lock().expect("receiver lock").senders = pids.into_iter().collect();
    }

    /// The requests received and not answered yet (waiting on a [`Reply::Hang`]).
    pub fn unanswered(&self) -> Vec<Received> {
        let state = self.state.lock().expect("receiver lock");
        state
            .received
            .iter()
            .filter(|request| state.open.contains(&request.peer_port))
            .cloned()
            .collect()
    }

    /// Waits until `count` requests arrived (or `timeout` passed); returns what arrived.
    pub fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Received> {
        let deadline = Instant::now() + timeout;
        loop {
            let received = self.received();
            if received.len() >= count || Instant::now() > deadline {
                return received;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let peer_port = stream.peer_addr().map_or(0, |addr| addr.port());
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(stream) => stream,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() || request_line.is_empty() {
        return;
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() {
            return;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    // While the sender waits for the answer, its socket is still open: its local port names it.
    let senders = state.lock().expect("receiver lock").senders.clone();
    let sender = senders
        .into_iter()
        .find(|pid| crate::sockets::local_tcp_ports(*pid).contains(&peer_port));
    let reply = {
        let mut state = state.lock().expect("receiver lock");
        state.received.push(Received {
            path,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
            at: Instant::now(),
            peer_port,
            sender,
        });
        state.open.insert(peer_port);
        state.script.pop_front().unwrap_or(Reply::Status(200))
    };
    let _answered = Answered { state, peer_port };
    let mut stream = stream;
    let head = match reply {
        Reply::Status(status) => {
            format!("HTTP/1.1 {status} X\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok")
        }
        Reply::RetryAfter(status, secs) => format!(
            "HTTP/1.1 {status} X\r\nretry-after: {secs}\r\ncontent-length: 4\r\nconnection: close\r\n\r\nbusy"
        ),
        Reply::Redirect(location) => format!(
            "HTTP/1.1 302 Found\r\nlocation: {location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
        ),
        Reply::Hang(wait) => {
            std::thread::sleep(wait);
            "HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok".to_owned()
        }
        Reply::Close => return,
        Reply::Body(status, body) => format!(
            "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        ),
    };
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.flush();
}

/// Takes a request off the open set when it is answered or dropped, whichever way `serve` ends.
struct Answered<'a> {
    state: &'a Mutex<State>,
    peer_port: u16,
}

impl Drop for Answered<'_> {
    fn drop(&mut self) {
        if let Ok(mut state) = self.state.lock() {
            state.open.remove(&self.peer_port);
        }
    }
}
